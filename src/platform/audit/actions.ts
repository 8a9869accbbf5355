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
  'diagnosis.create',
  'diagnosis.delete',
  'appointment.read',
  'appointment.create',
  'appointment.update',
  'note.read',
  'note.list',
  'note.create',
  'note.update',
  'note.sign',
  'note.unlock',
  'note.cosign',
  'note.addendum.create',
  'safety_plan.read',
  'safety_plan.create',
  'document.read',
  'document.upload',
  'document.download',
  'document.delete',
  'document.integrity_failed',
  'billing.read',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditOutcome = 'success' | 'denied' | 'error';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'denied', 'error'];
