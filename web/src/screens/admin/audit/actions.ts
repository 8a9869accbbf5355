// The audit trail's actions, straight from the server's typed list, so the filter offers
// exactly what the API accepts. (Those files hold plain constant arrays, nothing server-only.)
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../../../src/platform/audit-trail/actions.ts';

export { AUDIT_ACTIONS, AUDIT_OUTCOMES };

const WORDS: Record<string, string> = {
  'auth.signup': 'Practice created',
  'auth.login.succeeded': 'Signed in',
  'auth.login.failed': 'Sign-in failed',
  'auth.login.locked': 'Sign-in locked',
  'auth.mfa.succeeded': 'Second factor accepted',
  'auth.mfa.failed': 'Second factor refused',
  'auth.mfa.enrolled': 'Second factor added',
  'auth.mfa.removed': 'Second factor removed',
  'auth.logout': 'Signed out',
  'auth.session.revoked': 'Session ended',
  'auth.password.changed': 'Password changed',
  'auth.password.reset_requested': 'Password reset asked',
  'auth.password.reset': 'Password reset',
  'auth.access.denied': 'Access refused',
  'auth.reauthenticated': 'Password confirmed again',
  'auth.rate_limited': 'Too many requests',
  'break_glass.opened': 'Emergency access opened',
  'client.read': 'Client record opened',
  'client.list': 'Client list viewed',
  'client.create': 'Client added',
  'client.update': 'Client record changed',
  'client.access_report.read': 'Access report viewed',
  'practice.settings.changed': 'Practice settings changed',
  'practice.ip_allowlist.changed': 'IP allowlist changed',
  'practice.baa.downloaded': 'BAA downloaded',
  'audit.read': 'Audit log viewed',
  'audit.export': 'Audit log exported',
  'audit.verified': 'Audit trail verified',
  'alert.read': 'Alerts viewed',
  'alert.acknowledged': 'Alert marked reviewed',
  'delivery_log.read': 'Delivery log viewed',
  'user.invited': 'Colleague invited',
  'user.invitation.accepted': 'Invitation accepted',
  'user.role.changed': 'Role changed',
  'user.suspended': 'Account suspended',
  'user.reactivated': 'Account reactivated',
  'user.removed': 'Account removed',
  'user.emergency_access.changed': 'Emergency access changed',
  'user.supervisor.changed': 'Supervisor changed',
  'user.credentials.changed': 'Credentials changed',
  'user.digest_email.changed': 'Daily email of waiting work turned on or off',
  'diagnosis.read': 'Diagnoses viewed',
  'diagnosis.create': 'Diagnosis added',
  'diagnosis.update': 'Diagnosis changed',
  'diagnosis.delete': 'Diagnosis removed',
  'diagnosis.code_set.loaded': 'ICD-10-CM code set loaded',
  'insurance.read': 'Insurance viewed',
  'insurance.create': 'Insurance added',
  'insurance.update': 'Insurance changed',
  'insurance.delete': 'Insurance removed',
  'appointment.read': 'Appointment opened',
  'appointment.list': 'Calendar viewed',
  'appointment.create': 'Appointment booked',
  'appointment.update': 'Appointment changed',
  'appointment.reply_link.read': 'Reminder link opened by the client',
  'appointment.client_reply': 'Client answered a reminder',
  'calendar_feed.created': 'Calendar feed created',
  'calendar_feed.read': 'Calendar feed fetched',
  'calendar_feed.revoked': 'Calendar feed revoked',
  'reminder.send': 'Reminder sent',
  'reminder.settings.changed': 'Reminder settings changed',
  'reminder.rule.created': 'Reminder rule added',
  'reminder.rule.changed': 'Reminder rule changed',
  'reminder.rule.deleted': 'Reminder rule removed',
  'client.contact_preferences.read': 'Contact preferences viewed',
  'client.contact_preferences.changed': 'Contact preferences changed',
  'appointment.reminders.read': 'Appointment reminders viewed',
  'note.read': 'Note opened',
  'note.list': 'Notes listed',
  'note.create': 'Note started',
  'note.update': 'Note saved',
  'note.discard': 'Draft discarded',
  'note.export': 'Note downloaded as PDF',
  'note.sign': 'Note signed',
  'note.unlock': 'Note unlocked',
  'note.cosign': 'Note co-signed',
  'note.addendum.create': 'Addendum added',
  'note.version.list': 'Note history viewed',
  'note.version.read': 'Earlier version opened',
  'safety_plan.read': 'Safety plan opened',
  'safety_plan.export': 'Safety plan downloaded as PDF',
  'safety_plan.list': 'Safety plans listed',
  'safety_plan.create': 'Safety plan created',
  'document.read': 'Document details viewed',
  'document.list': 'Documents listed',
  'document.upload': 'Document uploaded',
  'document.download': 'Document opened',
  'document.delete': 'Document deleted',
  'document.integrity_failed': 'Document failed its integrity check',
  'document.reencrypted': 'Document re-encrypted',
  'vault.scrubbed': 'Integrity check of documents',
  'vault.rekeyed': 'Keys rotated',
};

/** System jobs that act for someone, in words: a client's reply to a reminder. */
const JOB_WORDS: Record<string, string> = {
  'sms-reply': 'The client, by text',
  'email-link': 'The client, by email link',
};

/** Who a system job's event is by: the job in words, or its name. */
export const jobLabel = (job: string) => JOB_WORDS[job] ?? job;

/** An action in words ("client.read" → "Client record opened"; others spelled out). */
export function actionLabel(action: string): string {
  const known = WORDS[action];
  if (known) return known;
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
