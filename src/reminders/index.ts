// The reminders feature's public entry: what other features and the server may use.
// Reminders core (rules, settings, preferences, templates, the send job):
export { reminderRoutes } from './routes.ts';
export { defineReminderJobs } from './send-job.ts';
export { SEND_JOB, sendDueReminders, type SendServices, type SendReport } from './send.ts';
export { newReplyToken, replyTokenHash } from './reply-token.ts';
export {
  DEFAULT_TEMPLATES,
  PLACEHOLDERS,
  SMS_REPLY_PROMPT,
  formatWhen,
  smsSegments,
} from './templates.ts';
export { reminderReplyRoutes } from './replies/routes.ts';
export { smsReplyHandler } from './replies/service.ts';
export {
  digestRoutes,
  JOB_STAFF_DIGEST,
  sendStaffDigests,
  staffDigestJob,
} from './digests/index.ts';
