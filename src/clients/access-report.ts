import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { withClientAccess } from './access.ts';

/**
 * Who accessed one client's record, and when (HIPAA accounting of disclosures): every audit
 * event carrying the client's id, newest first, with the staff member's name.
 */
export async function clientAccessReport(
  db: Database,
  actor: Actor,
  clientId: string,
  limit: number,
  context: AuditContext,
) {
  // Through the one door like every client-scoped read (the route lets only whole-practice
  // administrators in, whom the rule always lets through).
  return withClientAccess(db, actor, clientId, context, 'client.access_report.read', async (tx) => {
    const rows = await tx
      .selectFrom('audit_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_user_id')
      .select([
        'e.id',
        'e.occurred_at',
        'e.actor_type',
        'e.actor_user_id',
        'e.actor_role',
        'u.name',
        'e.action',
        'e.outcome',
        'e.ip',
        'e.detail',
      ])
      .where('e.client_id', '=', clientId)
      .orderBy('e.occurred_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute();
    await audit(tx, context, {
      action: 'client.access_report.read',
      subjectType: 'client',
      subjectId: clientId,
      clientId,
    });
    return {
      items: rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurred_at.toISOString(),
        actor: { type: r.actor_type, userId: r.actor_user_id, name: r.name, role: r.actor_role },
        action: r.action,
        outcome: r.outcome,
        ip: r.ip,
        breakGlass: r.detail.breakGlass === true,
      })),
      nextCursor: null,
    };
  });
}
