import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

/** STOP or START from the number whose digest this is; the latest word wins. */
export async function upsertOptOut(tx: Tx, digest: Buffer, optedOut: boolean): Promise<void> {
  await tx
    .insertInto('sms_opt_outs')
    .values({ number_digest: digest, opted_out: optedOut })
    .onConflict((oc) =>
      oc.column('number_digest').doUpdateSet({ opted_out: optedOut, changed_at: sql`now()` }),
    )
    .execute();
}

/**
 * Twilio's final word on a message: delivered, or failed with its error code. Found by the
 * outbox id the callback URL carries (Twilio can report before the sender has recorded the
 * SID), else by the SID. A callback that finds the message still queued — its sender died
 * before recording the send — completes the record, erasing the text as a sent message's is.
 * Answers how many messages changed.
 */
export async function recordDeliveryStatus(
  tx: Tx,
  report: {
    outboxId: string | undefined;
    sid: string;
    status: 'delivered' | 'failed';
    reason: string | null;
  },
): Promise<number> {
  const match = report.outboxId
    ? sql`id = ${report.outboxId} and (provider_id is null or provider_id = ${report.sid})`
    : sql`provider_id = ${report.sid}`;
  const result = await sql`update notification_outbox
       set status = ${report.status}, status_at = now(), last_error = ${report.reason},
           provider_id = ${report.sid}, sent_at = coalesce(sent_at, now()), sending_at = null,
           next_attempt_at = null, body = '',
           recipient = case when recipient is null or recipient like '•%' then recipient
                            else '••• ' || right(recipient, 2) end
     where channel = 'sms' and ${match}`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}
