import { DIAGNOSIS_ACTIONS } from './actions/diagnoses.ts';
import { DIGEST_ACTIONS } from './actions/digests.ts';
import { DOCUMENT_ACTIONS } from './actions/documents.ts';
import { MESSAGING_ACTIONS } from './actions/messaging.ts';
import { NOTE_ACTIONS } from './actions/notes.ts';
import { REMINDER_REPLY_ACTIONS } from './actions/reminder-replies.ts';
import { SAFETY_PLAN_ACTIONS } from './actions/safety-plans.ts';
import { SCHEDULING_ACTIONS } from './actions/scheduling.ts';
import { REMINDER_ACTIONS } from './actions/reminders.ts';

/**
 * Every action the audit trail records. A typed list, so that a misspelt action is a compile
 * error and the API can refuse to filter on one that does not exist.
 */
export const AUDIT_ACTIONS = [
  // Authentication and sessions
  'auth.signup',
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.login.locked',
  'auth.mfa.succeeded',
  'auth.mfa.failed',
  'auth.mfa.enrolled',
  'auth.mfa.removed',
  'auth.logout',
  'auth.session.revoked',
  'auth.password.changed',
  'auth.password.reset_requested',
  'auth.password.reset',
  'auth.access.denied',
  'auth.reauthenticated',
  'auth.rate_limited',
  // Administration
  'user.invited',
  'user.invitation.accepted',
  'user.role.changed',
  'user.suspended',
  'user.reactivated',
  'user.removed',
  'user.emergency_access.changed',
  'practice.settings.changed',
  'practice.ip_allowlist.changed',
  'practice.baa.downloaded',
  'key.rotated',
  'export.create',
  'break_glass.opened',
  // The audit trail itself
  'audit.read',
  'audit.export',
  'audit.verified',
  'alert.read',
  'alert.acknowledged',
  // Clinical records
  'client.read',
  'client.list',
  'client.create',
  'client.update',
  'client.access_report.read',
  'billing.read',
  // Each later feature keeps its own list in actions/<feature>.ts.
  ...DIAGNOSIS_ACTIONS,
  ...SCHEDULING_ACTIONS,
  ...NOTE_ACTIONS,
  ...SAFETY_PLAN_ACTIONS,
  ...MESSAGING_ACTIONS,
  ...DOCUMENT_ACTIONS,
  ...REMINDER_REPLY_ACTIONS,
  ...DIGEST_ACTIONS,
  ...REMINDER_ACTIONS,
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditOutcome = 'success' | 'denied' | 'error';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'denied', 'error'];
