import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { JobDefinition } from '../jobs/jobs.ts';
import type { Logger } from '../logging.ts';
import { ERASED } from '../mail/delivery-queries.ts';

export const JOB_OUTBOX_HYGIENE = 'outbox-hygiene';
/** A personal message still waiting this long will not be wanted: its text and number go. */
export const PERSONAL_MESSAGE_DAYS = 7;

/**
 * Messages that will never be sent keep nothing worth stealing: one whose link or code has
 * expired while it waited, and a personal one still waiting after seven days (no mail server
 * or SMS account was ever set up, or it kept being refused), fail with that reason and lose
 * their text and all but two digits of their number. So does a failed message that still has
 * its text. A message being sent right now (`sending_at`) is left to the delivery, which
 * reconciles it. Answers how many were erased.
 */
export async function eraseUnsendable(db: Database): Promise<number> {
  const job = {
    job: JOB_OUTBOX_HYGIENE,
    reason: 'erase expired and long-waiting messages of every practice',
  };
  return db.unscopedAcrossPractices(job, async (tx) => {
    const waited = await sql`update notification_outbox
         set status = 'failed', status_at = now(),
             last_error = case when expires_at <= now() then 'expired' else 'not_sent_in_time' end,
             ${ERASED}
       where status = 'queued' and sending_at is null and sent_at is null
         and (expires_at <= now()
              or (recipient is not null
                  and created_at < now() - make_interval(days => ${PERSONAL_MESSAGE_DAYS})))`.execute(
      tx,
    );
    const failed = await sql`update notification_outbox set ${ERASED}
       where status = 'failed' and recipient is not null
         and (body <> '' or (channel = 'sms' and recipient not like '•%'))`.execute(tx);
    return Number(waited.numAffectedRows ?? 0) + Number(failed.numAffectedRows ?? 0);
  });
}

/** Every ten minutes, on the job queue, whether or not any sender is configured. */
export function outboxHygieneJob(db: Database, logger: Logger): JobDefinition {
  return {
    name: JOB_OUTBOX_HYGIENE,
    schedule: '*/10 * * * *',
    expireInSeconds: 10 * 60,
    run: async () => {
      const erased = await eraseUnsendable(db);
      if (erased > 0) logger.info({ erased }, 'outbox: unsendable messages erased');
    },
  };
}
