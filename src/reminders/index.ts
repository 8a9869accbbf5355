// The reminders feature's public entry: what other features and the server may use.
export { reminderReplyRoutes } from './replies/routes.ts';
export { replyTokenHash, smsReplyHandler } from './replies/service.ts';
export {
  digestRoutes,
  JOB_STAFF_DIGEST,
  sendStaffDigests,
  staffDigestJob,
} from './digests/index.ts';
