import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

/** A message's text, and all but the last two digits of a texted number, erased. */
export const ERASED = sql`body = '',
  recipient = case when channel = 'sms' then '••• ' || right(recipient, 2) else recipient end`;

export interface Claimed {
  id: string;
  channel: 'email' | 'sms';
  practice_id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
  kind: string;
  idempotency_key: string | null;
  claimed_at: Date;
  /** Set: an earlier attempt called the provider and its result was never recorded. */
  sending_at: Date | null;
  expires_at: Date | null;
}

/**
 * Leases up to `batch` queued messages that are due. `for update skip locked` and the lease
 * keep concurrent processes off each other's messages; a lease that ran out (a process that
 * died) frees its messages again. A message whose attempts are spent is still claimed while an
 * attempt of it is unaccounted for (`sending_at`), so that it is reconciled, never forgotten.
 */
export async function claimDue(
  tx: Tx,
  channels: ('email' | 'sms')[],
  options: { batch: number; leaseSeconds: number; maxAttempts: number },
): Promise<Claimed[]> {
  // Milliseconds, as a JavaScript Date holds them: the lease is later checked by equality.
  const { rows } = await sql<Claimed>`
    update notification_outbox
       set claimed_at = date_trunc('milliseconds', clock_timestamp()), attempts = attempts + 1
     where id in (
       select id from notification_outbox
        where sent_at is null and status = 'queued' and recipient is not null
          and channel = any(${channels})
          and (attempts < ${options.maxAttempts} or sending_at is not null)
          and (next_attempt_at is null or next_attempt_at <= now())
          and (claimed_at is null
               or claimed_at < now() - make_interval(secs => ${options.leaseSeconds}))
        order by created_at limit ${options.batch}
        for update skip locked)
    returning id, channel, practice_id, recipient, subject, body, attempts, kind, idempotency_key,
              claimed_at, sending_at, expires_at`.execute(tx);
  return rows;
}

/**
 * Records, committed, that the provider is about to be called — but only while this process
 * still holds the lease (`claimed_at` unchanged): after a stall longer than the lease, another
 * process owns the message and this one must not send it.
 */
export async function markSending(tx: Tx, message: Claimed): Promise<boolean> {
  const result = await sql`update notification_outbox set sending_at = clock_timestamp()
     where id = ${message.id} and claimed_at = ${message.claimed_at} and status = 'queued'`.execute(
    tx,
  );
  return Number(result.numAffectedRows ?? 0) === 1;
}

/**
 * Sent: the provider's id kept, the text erased (it may hold a reset link, an invitation or a
 * sign-in code, which a database copy must not). A status callback can outrun this update;
 * its delivered/failed then stands.
 */
export async function markSent(tx: Tx, id: string, providerId: string): Promise<void> {
  await sql`update notification_outbox
       set sent_at = now(), provider_id = ${providerId.slice(0, 100)},
           status = case when status = 'queued' then 'sent' else status end,
           status_at = case when status = 'queued' then now() else status_at end,
           last_error = case when status = 'queued' then null else last_error end,
           sending_at = null, next_attempt_at = null, ${ERASED}
     where id = ${id}`.execute(tx);
}

/**
 * Failed for good, with the reason code (null: the last attempt's, which says more than "out of
 * attempts"); the text is erased, as it will never be sent.
 */
export async function markFailed(tx: Tx, id: string, reason: string | null): Promise<void> {
  await sql`update notification_outbox
       set status = 'failed', status_at = now(),
           last_error = coalesce(${reason?.slice(0, 100) ?? null}, last_error, 'attempts_exhausted'),
           sending_at = null, next_attempt_at = null, ${ERASED}
     where id = ${id} and status = 'queued'`.execute(tx);
}

/**
 * To be tried again at `retryAt`. `certain`: the provider refused, so nothing was sent and the
 * next attempt starts afresh; otherwise `sending_at` stays and the next attempt reconciles.
 */
export async function markRetry(
  tx: Tx,
  id: string,
  reason: string,
  retryAt: Date,
  certain: boolean,
): Promise<void> {
  await sql`update notification_outbox
       set last_error = ${reason.slice(0, 100)}, next_attempt_at = ${retryAt}, claimed_at = null,
           sending_at = case when ${certain} then null else sending_at end
     where id = ${id} and status = 'queued'`.execute(tx);
}

/** Which of these provider ids some message already records (they are not a lost send). */
export async function knownProviderIds(tx: Tx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ provider_id: string }>`
    select provider_id from notification_outbox where provider_id = any(${ids})`.execute(tx);
  return new Set(rows.map((r) => r.provider_id));
}

/** Whether the number whose digest this is has texted STOP (and not START since). */
export async function isOptedOut(tx: Tx, digest: Buffer): Promise<boolean> {
  const row = await tx
    .selectFrom('sms_opt_outs')
    .select('opted_out')
    .where('number_digest', '=', digest)
    .executeTakeFirst();
  return row?.opted_out ?? false;
}

/**
 * Whether a reminder's appointment still stands as it was when the reminder was written: a
 * booking cancelled or moved after its reminder was queued must not be reminded of. (Only
 * `kind = 'reminder'` messages have a reminder row; others always stand.)
 */
export async function reminderStands(tx: Tx, outboxId: string): Promise<boolean> {
  const { rows } = await sql<{ stands: boolean }>`
    select a.status in ('scheduled', 'confirmed') and a.start_at = r.appointment_start as stands
      from reminders r join appointments a on a.id = r.appointment_id
     where r.outbox_id = ${outboxId}`.execute(tx);
  return rows.every((r) => r.stands);
}
