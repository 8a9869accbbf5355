import type { Tx } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { noticeFactorChange, type FactorKind } from './notice.ts';
import { issueRecoveryCodesIfNone } from './queries.ts';
import { rotateSession } from './session-rotation.ts';

/**
 * What every new second factor ends with: recovery codes if the user has none left, the audit
 * row, the notice email, and a new session token in place of the one that enrolled.
 */
export async function completeEnrollment(
  tx: Tx,
  actor: Actor,
  context: AuditContext,
  method: FactorKind,
  replaced = false,
): Promise<{ recoveryCodes: string[]; token: string }> {
  const recoveryCodes = await issueRecoveryCodesIfNone(tx, actor.userId);
  await audit(tx, context, {
    action: 'auth.mfa.enrolled',
    subjectType: 'user',
    subjectId: actor.userId,
    detail: { method, replaced },
  });
  await noticeFactorChange(tx, actor.userId, method, replaced ? 'replaced' : 'added');
  return { recoveryCodes, token: await rotateSession(tx, actor, context) };
}
