// The staff digests' entry, re-exported by the reminders feature's index.ts.
export { digestRoutes } from './routes.ts';
export { JOB_STAFF_DIGEST, sendStaffDigests, staffDigestJob } from './job.ts';
