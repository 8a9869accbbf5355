import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit/record.ts';
import type { AuditAction } from '../platform/audit/actions.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission } from '../auth/roles.ts';
import { notYourClient } from '../clients/service.ts';
import { selectReach, type AppointmentScope } from './appointment-queries.ts';

export function scopeOf(actor: Actor): AppointmentScope {
  if (hasPermission(actor.role, 'read:client:any')) return { kind: 'any' };
  if (hasPermission(actor.role, 'read:client:own')) return { kind: 'own', userId: actor.userId };
  throw new AppError('forbidden', {
    status: 403,
    message: 'Your role does not include the schedule.',
  });
}

export type Reach = { breakGlass: boolean } | 'denied' | 'missing';

/**
 * Whether the actor reaches one appointment: whole-practice roles always; a clinician when they
 * hold it, when its client is in their care, or through break-glass (flagged). Another
 * practice's appointment is invisible under row-level security: 'missing', a 404.
 */
export async function reachOf(tx: Tx, actor: Actor, id: string): Promise<Reach> {
  const scope = scopeOf(actor);
  const row = await selectReach(tx, actor.userId, id);
  if (!row) return 'missing';
  if (scope.kind === 'any' || row.holds || row.in_care) return { breakGlass: false };
  if (row.break_glass) return { breakGlass: true };
  return 'denied';
}

/**
 * Answers a refused reach: 404 for 'missing'; for 'denied', the refusal is audited in a
 * transaction of its own (the one that found it has rolled back) and the caller gets the same
 * 403 as for the client's record, so the UI can offer break-glass.
 */
export async function refuse(
  db: Database,
  actor: Actor,
  context: AuditContext,
  action: AuditAction,
  id: string,
  verdict: 'denied' | 'missing',
): Promise<never> {
  if (verdict === 'missing') throw AppError.notFound('There is no such appointment.');
  await db.withPractice(actor.practiceId, async (tx) => {
    const row = await tx
      .selectFrom('appointments')
      .select('client_id')
      .where('id', '=', id)
      .executeTakeFirst();
    await audit(tx, context, {
      action,
      outcome: 'denied',
      subjectType: 'appointment',
      subjectId: id,
      clientId: row?.client_id ?? null,
    });
  });
  throw notYourClient();
}
