import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import { insertAlert } from '../alerting/alerts.ts';

/** Too few messages say nothing about a rate: an hour with fewer raises no alert. */
export const FAILURE_ALERT_MIN_MESSAGES = 10;
const DEFAULT_PERCENT = 20;

interface Rate {
  total: number;
  failed: number;
  percent: number;
  alerted: boolean;
}

/**
 * After a delivery batch: for each practice in it, the share of messages that failed over the
 * last hour. Above the practice's threshold (reminder_settings.failure_alert_percent, 20 % by
 * default) with at least ten messages, a `delivery_failures` alert is raised — at most one an
 * hour per practice, decided under a per-practice lock so two workers cannot both raise it.
 * Answers the practices alerted.
 */
export async function checkDeliveryFailures(
  db: Database,
  logger: Logger,
  practiceIds: string[],
): Promise<string[]> {
  const alerted: string[] = [];
  for (const practiceId of practiceIds) {
    try {
      const raised = await db.withPractice(practiceId, async (tx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`delivery-alert:${practiceId}`}))`.execute(
          tx,
        );
        const { rows } = await sql<Rate>`
          select count(*)::int as total,
                 (count(*) filter (where o.status = 'failed'))::int as failed,
                 coalesce((select s.failure_alert_percent from reminder_settings s),
                          ${DEFAULT_PERCENT}) as percent,
                 exists (select 1 from alerts a where a.kind = 'delivery_failures'
                           and a.created_at > now() - interval '1 hour') as alerted
            from notification_outbox o
           where o.status in ('sent', 'delivered', 'failed') and o.recipient is not null
             and o.status_at > now() - interval '1 hour'
             -- Bounds the scan by the practice's (practice_id, created_at) index: a message
             -- finishing now was made recently (the longest retry chain is about an hour).
             and o.created_at > now() - interval '2 days'`.execute(tx);
        const rate = rows[0]!;
        if (rate.alerted || rate.total < FAILURE_ALERT_MIN_MESSAGES) return false;
        if (rate.failed * 100 <= rate.percent * rate.total) return false;
        await insertAlert(tx, {
          kind: 'delivery_failures',
          severity: 'warning',
          message: `${rate.failed} of the ${rate.total} emails and texts Hearth sent in the last hour failed, more than the ${rate.percent} % your reminder settings allow. Open Administration > Delivery log to see the reasons (a mail server or SMS account problem shows as the same reason on many messages).`,
          detail: { failed: rate.failed, total: rate.total, thresholdPercent: rate.percent },
        });
        return true;
      });
      if (raised) {
        alerted.push(practiceId);
        logger.warn({ practiceId, alert: 'delivery_failures' }, 'security alert');
      }
    } catch (err) {
      logger.error(
        { practiceId, code: (err as { code?: string }).code },
        'could not check the delivery failure rate',
      );
    }
  }
  return alerted;
}
