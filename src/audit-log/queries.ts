import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

export interface AuditFilter {
  userId?: string | undefined;
  clientId?: string | undefined;
  action?: string | undefined;
  outcome?: 'success' | 'denied' | 'error' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset position: strictly older than this (time, id). */
  before?: { at: Date; id: string } | undefined;
}

/**
 * Newest first. RLS confines it to the transaction's practice. With `clientInReach` (the one
 * access rule as a filter on `c.id`), each event also carries its client's name when the reader
 * may reach that client; otherwise the name is null and only the id is given.
 */
export async function selectAuditEvents(
  tx: Tx,
  filter: AuditFilter,
  limit: number,
  clientInReach: RawBuilder<boolean> = sql<boolean>`false`,
) {
  let q = tx
    .selectFrom('audit_events as e')
    .leftJoin('audit_seals as s', 's.event_id', 'e.id')
    .leftJoin('clients as c', (join) => join.onRef('c.id', '=', 'e.client_id').on(clientInReach))
    .select([
      'e.id',
      'e.occurred_at',
      'e.actor_type',
      'e.actor_user_id',
      'e.actor_role',
      'e.actor_label',
      'e.action',
      'e.subject_type',
      'e.subject_id',
      'e.client_id',
      'e.outcome',
      'e.ip',
      'e.user_agent',
      'e.request_id',
      'e.detail',
      's.seq',
      sql<string | null>`c.first_name || ' ' || c.last_name`.as('client_name'),
    ]);
  if (filter.userId) q = q.where('e.actor_user_id', '=', filter.userId);
  if (filter.clientId) q = q.where('e.client_id', '=', filter.clientId);
  if (filter.action) q = q.where('e.action', '=', filter.action);
  if (filter.outcome) q = q.where('e.outcome', '=', filter.outcome);
  if (filter.from) q = q.where('e.occurred_at', '>=', filter.from);
  if (filter.to) q = q.where('e.occurred_at', '<', filter.to);
  const before = filter.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('e.occurred_at', '<', before.at),
        eb.and([eb('e.occurred_at', '=', before.at), eb('e.id', '<', before.id)]),
      ]),
    );
  }
  return q.orderBy('e.occurred_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
}

export type AuditRow = Awaited<ReturnType<typeof selectAuditEvents>>[number];
