import type { Database, Tx } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import { enqueueMessage } from '../notify/outbox.ts';

export type AlertKind =
  | 'audit_write_failed'
  | 'audit_chain_broken'
  | 'denied_burst'
  | 'break_glass'
  | 'document_integrity_failed'
  | 'mfa_lockout'
  | 'unusual_reading'
  | 'delivery_failures';

export interface Alert {
  kind: AlertKind;
  severity: 'warning' | 'critical';
  /** Fixed wording for the privacy officer: what happened and what to do. Never PHI. */
  message: string;
  detail?: Record<string, string | number | boolean | null>;
}

/** Records an alert and queues a message to the practice's privacy officer, in `tx`. */
export async function insertAlert(tx: Tx, alert: Alert): Promise<string> {
  const row = await tx
    .insertInto('alerts')
    .values({
      kind: alert.kind,
      severity: alert.severity,
      message: alert.message,
      detail: JSON.stringify(alert.detail ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const practice = await tx
    .selectFrom('practices')
    .select('privacy_officer_email')
    .executeTakeFirst();
  await enqueueMessage(tx, {
    channel: 'email',
    to: practice?.privacy_officer_email ?? null,
    subject: `Hearth security alert: ${alert.kind.replaceAll('_', ' ')}`,
    kind: 'alert',
    body: `${alert.message}\n\nOpen Hearth's Administration > Alerts to review it (alert ${row.id}).`,
  });
  return row.id;
}

/**
 * Raises an alert in a transaction of its own — for failures whose own transaction rolled
 * back. If even that fails, the log (ids and kind only) is the last resort.
 */
export async function raiseAlert(
  db: Database,
  logger: Logger,
  practiceId: string,
  alert: Alert,
): Promise<void> {
  try {
    await db.withPractice(practiceId, (tx) => insertAlert(tx, alert));
  } catch (err) {
    logger.error({ err, practiceId, alert: alert.kind }, 'could not record a security alert');
  }
  logger.warn({ practiceId, alert: alert.kind, severity: alert.severity }, 'security alert');
}

export const AUDIT_WRITE_FAILED: Alert = {
  kind: 'audit_write_failed',
  severity: 'critical',
  message:
    'Hearth could not write to the audit trail, so it refused the request that needed it. No data was returned without being recorded. If this repeats, check the database.',
};
