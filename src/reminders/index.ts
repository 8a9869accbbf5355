// The reminders feature's public entry: what other features and the server may use.
export {
  digestRoutes,
  JOB_STAFF_DIGEST,
  sendStaffDigests,
  staffDigestJob,
} from './digests/index.ts';
