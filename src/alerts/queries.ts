import type { Tx } from '../platform/db/database.ts';

const ALERT_COLUMNS = [
  'id',
  'kind',
  'severity',
  'message',
  'detail',
  'created_at',
  'acknowledged_at',
  'acknowledged_by',
] as const;

export async function selectAlerts(
  tx: Tx,
  options: { unacknowledgedOnly: boolean; limit: number },
) {
  let q = tx.selectFrom('alerts').select(ALERT_COLUMNS);
  if (options.unacknowledgedOnly) q = q.where('acknowledged_at', 'is', null);
  return q.orderBy('created_at', 'desc').limit(options.limit).execute();
}

export async function acknowledgeAlert(tx: Tx, alertId: string, userId: string) {
  return tx
    .updateTable('alerts')
    .set({ acknowledged_at: new Date(), acknowledged_by: userId })
    .where('id', '=', alertId)
    .where('acknowledged_at', 'is', null)
    .returning(ALERT_COLUMNS)
    .executeTakeFirst();
}

export async function selectOutbox(tx: Tx, limit: number) {
  return tx
    .selectFrom('notification_outbox')
    .select(['id', 'channel', 'recipient', 'subject', 'body', 'created_at', 'sent_at'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export type AlertRow = Awaited<ReturnType<typeof selectAlerts>>[number];
