import { sql } from 'kysely';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Channel, ReminderReply } from '../../platform/db/tables/reminders.ts';

/** Where a reminder lives: the practice to scope the work to, and the row. */
export interface ReminderRef {
  practiceId: string;
  reminderId: string;
}

/**
 * The email reminder whose link carries this token (its SHA-256). The token names no practice,
 * so only this lookup crosses practices, and it answers no more than where to look.
 */
export async function unscopedReminderByToken(
  db: Database,
  tokenHash: Buffer,
): Promise<ReminderRef | undefined> {
  const row = await db.unscopedAcrossPractices(
    { job: 'email-link', reason: 'a reply link names no practice: find its reminder' },
    (tx) =>
      tx
        .selectFrom('reminders')
        .select(['practice_id', 'id'])
        .where('reply_token_hash', '=', tokenHash)
        .where('channel', '=', 'email')
        .executeTakeFirst(),
  );
  return row && { practiceId: row.practice_id, reminderId: row.id };
}

/**
 * The text that a reply from this number answers: the latest reminder sent to it that asked for
 * a reply and whose appointment is still ahead, in any practice (one sender number serves the
 * whole deployment). Replied or not: a second answer must meet the first, not fall through to
 * an older reminder about another appointment.
 */
export async function unscopedLatestSmsReminder(
  db: Database,
  digest: Buffer,
): Promise<ReminderRef | undefined> {
  const row = await db.unscopedAcrossPractices(
    { job: 'sms-reply', reason: 'an SMS reply names a number, not a practice' },
    (tx) =>
      tx
        .selectFrom('reminders as r')
        .innerJoin('notification_outbox as o', (j) =>
          j.onRef('o.id', '=', 'r.outbox_id').onRef('o.practice_id', '=', 'r.practice_id'),
        )
        .select(['r.practice_id', 'r.id'])
        .where('r.sms_to_digest', '=', digest)
        .where('r.channel', '=', 'sms')
        .where('r.asks_reply', '=', true)
        .where('r.status', '=', 'queued')
        .where('o.status', 'in', ['sent', 'delivered'])
        .where('r.appointment_start', '>', sql<Date>`now()`)
        .orderBy(sql`o.sent_at desc nulls last`)
        .orderBy('r.due_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
  );
  return row && { practiceId: row.practice_id, reminderId: row.id };
}

/**
 * A reminder with its appointment and what the client is shown of it, locked: two answers at
 * once (a double tap, a text and a click) are taken one after the other.
 */
export async function selectReplyTarget(tx: Tx, reminderId: string) {
  return tx
    .selectFrom('reminders as r')
    .innerJoin('appointments as a', 'a.id', 'r.appointment_id')
    .innerJoin('practices as p', 'p.id', 'r.practice_id')
    .innerJoin('users as u', 'u.id', 'a.clinician_id')
    .leftJoin('locations as l', 'l.id', 'a.location_id')
    .leftJoin('reminder_settings as s', 's.practice_id', 'r.practice_id')
    .select([
      'r.id',
      'r.appointment_start',
      'r.reply',
      'a.id as appointment_id',
      'a.client_id',
      'a.start_at',
      'a.end_at',
      'a.time_zone',
      'a.status',
      'a.status_reason',
      'a.kind',
      'l.name as location_name',
      'u.name as clinician_name',
      'p.name as practice_name',
      'p.status as practice_status',
      sql<number>`coalesce(s.late_cancel_hours, 24)`.as('late_cancel_hours'),
    ])
    .where('r.id', '=', reminderId)
    .forUpdate(['r', 'a'])
    .executeTakeFirst();
}

export type ReplyTarget = NonNullable<Awaited<ReturnType<typeof selectReplyTarget>>>;

export async function recordReply(
  tx: Tx,
  reminderId: string,
  reply: ReminderReply,
  channel: Channel,
): Promise<void> {
  const now = new Date();
  await tx
    .updateTable('reminders')
    .set({ reply, reply_channel: channel, replied_at: now, updated_at: now })
    .where('id', '=', reminderId)
    .where('reply', 'is', null)
    .execute();
}
