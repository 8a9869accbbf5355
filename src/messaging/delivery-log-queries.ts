import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

export interface DeliveryFilter {
  kind?: string | undefined;
  channel?: string | undefined;
  status?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset position: strictly older than this (time, id). */
  before?: { at: Date; id: string } | undefined;
}

/** Newest first; RLS confines it to the practice. Never the body: it is not even selected. */
export function selectDeliveries(tx: Tx, filter: DeliveryFilter, limit: number) {
  let q = tx
    .selectFrom('notification_outbox')
    .select([
      'id',
      'kind',
      'channel',
      'recipient',
      'status',
      'last_error',
      'attempts',
      'created_at',
      'status_at',
    ]);
  if (filter.kind) q = q.where('kind', '=', filter.kind as 'reminder');
  if (filter.channel) q = q.where('channel', '=', filter.channel as 'sms');
  if (filter.status) q = q.where('status', '=', filter.status as 'sent');
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.to) q = q.where('created_at', '<', filter.to);
  const before = filter.before;
  if (before) q = q.where(sql<boolean>`(created_at, id) < (${before.at}, ${before.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
export type DeliveryRow = Awaited<ReturnType<typeof selectDeliveries>>[number];

/** Messages of the last 24 hours by status. */
export async function selectDaySummary(tx: Tx) {
  const { rows } = await sql<{ queued: number; sent: number; delivered: number; failed: number }>`
    select (count(*) filter (where status = 'queued'))::int as queued,
           (count(*) filter (where status = 'sent'))::int as sent,
           (count(*) filter (where status = 'delivered'))::int as delivered,
           (count(*) filter (where status = 'failed'))::int as failed
      from notification_outbox where created_at > now() - interval '24 hours'`.execute(tx);
  return rows[0]!;
}
