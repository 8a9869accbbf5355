// The audit trail's actions, straight from the server's typed list, so the filter offers
// exactly what the API accepts. (Those files hold plain constant arrays, nothing server-only.)
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../../../src/platform/audit/actions.ts';

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
};

/** An action in words ("client.read" → "Client record opened"; others spelled out). */
export function actionLabel(action: string): string {
  const known = WORDS[action];
  if (known) return known;
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
