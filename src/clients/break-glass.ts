import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import { insertAlert } from '../platform/alerting/alerts.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { auditDenied, reachOf } from './access.ts';

export const BREAK_GLASS_MINUTES = 60;

/**
 * Emergency access (HIPAA 164.312(a)(2)(ii)): a user granted it may open one client outside
 * their care, for an hour, after giving a reason. Flagged in the audit trail and raised as an
 * alert for the privacy officer to review.
 */
export async function openBreakGlass(
  db: Database,
  actor: Actor,
  clientId: string,
  reason: string,
  context: AuditContext,
): Promise<{ expiresAt: string }> {
  const result = await db.withPractice(actor.practiceId, async (tx) => {
    // The door's lookup decides only that the client is here: break-glass exists to open one
    // outside the rule's reach.
    if ((await reachOf(tx, actor, { clientId })) === 'missing')
      throw AppError.notFound('There is no such client.');
    const user = await tx
      .selectFrom('users')
      .select('emergency_access')
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (!user.emergency_access) return 'denied' as const;
    const expiresAt = new Date(Date.now() + BREAK_GLASS_MINUTES * 60_000);
    const grant = await tx
      .insertInto('break_glass_grants')
      .values({
        user_id: actor.userId,
        client_id: clientId,
        reason: reason.trim(),
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, context, {
      action: 'break_glass.opened',
      subjectType: 'break_glass_grant',
      subjectId: grant.id,
      clientId,
      detail: { breakGlass: true, minutes: BREAK_GLASS_MINUTES },
    });
    await insertAlert(tx, {
      kind: 'break_glass',
      severity: 'warning',
      message: `A staff member used emergency (break-glass) access to a client record outside their care. Review the reason and the access report (grant ${grant.id}).`,
      detail: { grantId: grant.id, userId: actor.userId, clientId },
    });
    return { expiresAt: expiresAt.toISOString() };
  });
  if (result !== 'denied') return result;
  // Audited after the rollback, in a transaction of its own, so that the refusal is kept.
  await auditDenied(db, actor, context, {
    action: 'break_glass.opened',
    clientId,
    reason: 'no_emergency_access',
  });
  throw new AppError('forbidden', {
    status: 403,
    message: 'Emergency access has not been granted to you. Ask your practice administrator.',
  });
}
