import { AppError } from '../../platform/errors.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { AuditAction } from '../../platform/audit-trail/actions.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { hasPermission } from '../../auth/index.ts';
import { sql } from 'kysely';
import { inReach, notYourClient, reachOf as clientReachOf } from '../../clients/index.ts';
import { selectReachTarget } from './appointment-queries.ts';

/** Roles that hold neither client permission have no schedule (none of today's five). */
export function requireSchedule(actor: Actor): void {
  if (hasPermission(actor.role, 'read:client:any') || hasPermission(actor.role, 'read:client:own'))
    return;
  throw new AppError('forbidden', {
    status: 403,
    message: 'Your role does not include the schedule.',
  });
}

/** The access rule over a list of appointments: each one's client, or its holder (inReach). */
export function appointmentsInReach(actor: Actor) {
  return inReach(actor, {
    client: sql.ref<string>('appointments.client_id'),
    holder: sql.ref<string>('appointments.clinician_id'),
  });
}

export type Reach = { breakGlass: boolean } | 'denied' | 'missing';

/**
 * Whether the actor reaches one appointment, by the one access rule (src/clients/access.ts):
 * its client within reach, or the actor holds it. Another practice's appointment is invisible
 * under row-level security: 'missing', a 404.
 */
export async function reachOf(tx: Tx, actor: Actor, id: string): Promise<Reach> {
  requireSchedule(actor);
  const row = await selectReachTarget(tx, id);
  if (!row) return 'missing';
  const reach = await clientReachOf(tx, actor, {
    clientId: row.client_id,
    holderId: row.clinician_id,
  });
  if (reach === 'missing') return 'missing';
  if (reach === null) return 'denied';
  return { breakGlass: reach === 'break_glass' };
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
