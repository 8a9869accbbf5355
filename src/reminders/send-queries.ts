import { sql } from 'kysely';
import type { Database, Tx } from '../platform/db/database.ts';
import type { Channel } from '../platform/db/tables/reminders.ts';

/** A due reminder with what its message may say: no client name, no clinical field. */
export interface DueReminder {
  id: string;
  appointment_id: string;
  client_id: string;
  channel: Channel;
  appointment_start: Date;
  appointment_status: string;
  start_at: Date;
  kind: 'in_person' | 'telehealth';
  email: string | null;
  phone: string | null;
  sms_reminders: boolean | null;
  sms_consent_at: Date | null;
  zone: string;
  practice_name: string;
  clinician_name: string;
  location_name: string | null;
  ask_confirmation: boolean;
}

/** The practices with reminders due: the job then works in each one's own scope. */
export async function practicesWithDue(db: Database): Promise<string[]> {
  const job = { job: 'reminders-send', reason: 'find the practices with reminders due' };
  return db.unscopedAcrossPractices(job, async (tx) => {
    const { rows } = await sql<{ practice_id: string }>`
      select distinct practice_id from reminders where status = 'pending' and due_at <= now()`.execute(
      tx,
    );
    return rows.map((r) => r.practice_id);
  });
}

/**
 * Locks up to `limit` due reminders of this practice. `skip locked`: a concurrent run takes
 * others, and a row it has just queued no longer matches `pending` when this one reaches it.
 */
export async function claimDue(tx: Tx, limit: number): Promise<DueReminder[]> {
  const { rows } = await sql<DueReminder>`
    select x.id, x.appointment_id, a.client_id, x.channel, x.appointment_start,
           a.status as appointment_status, a.start_at, a.kind, c.email, c.phone,
           cp.sms_reminders, cp.sms_consent_at, coalesce(cp.time_zone, p.time_zone) as zone,
           p.name as practice_name, u.name as clinician_name, l.name as location_name,
           r.ask_confirmation
      from reminders x
      join appointments a on a.practice_id = x.practice_id and a.id = x.appointment_id
      join clients c on c.practice_id = a.practice_id and c.id = a.client_id
      join practices p on p.id = x.practice_id
      join users u on u.practice_id = a.practice_id and u.id = a.clinician_id
      join reminder_rules r on r.practice_id = x.practice_id and r.id = x.rule_id
      left join locations l on l.practice_id = a.practice_id and l.id = a.location_id
      left join client_contact_preferences cp
             on cp.practice_id = a.practice_id and cp.client_id = a.client_id
     where x.status = 'pending' and x.due_at <= now()
     order by x.due_at
     limit ${limit}
     for update of x skip locked`.execute(tx);
  return rows;
}

export async function practiceTemplates(tx: Tx) {
  return tx
    .selectFrom('reminder_settings')
    .select(['email_subject', 'email_body', 'sms_body'])
    .executeTakeFirst();
}

/** Which of these number digests have opted out (STOP). */
export async function optedOut(tx: Tx, digests: Buffer[]): Promise<Set<string>> {
  if (digests.length === 0) return new Set();
  const { rows } = await sql<{ d: string }>`
    select encode(number_digest, 'hex') as d from sms_opt_outs
     where opted_out and number_digest in (${sql.join(digests.map((d) => sql`decode(${d.toString('hex')}, 'hex')`))})`.execute(
    tx,
  );
  return new Set(rows.map((r) => r.d));
}

export interface NewMessage {
  reminderId: string;
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  expiresAt: Date;
}

/** Inserts the messages; answers each reminder's outbox id (an earlier one for a reused key). */
export async function insertMessages(tx: Tx, messages: NewMessage[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (messages.length === 0) return ids;
  const key = (reminderId: string) => `reminder:${reminderId}`;
  const inserted = await tx
    .insertInto('notification_outbox')
    .values(
      messages.map((m) => ({
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        kind: 'reminder' as const,
        idempotency_key: key(m.reminderId),
        expires_at: m.expiresAt,
      })),
    )
    .onConflict((oc) =>
      oc.column('idempotency_key').where('idempotency_key', 'is not', null).doNothing(),
    )
    .returning(['id', 'idempotency_key'])
    .execute();
  for (const row of inserted) ids.set(row.idempotency_key!.slice('reminder:'.length), row.id);
  const missing = messages.filter((m) => !ids.has(m.reminderId)).map((m) => key(m.reminderId));
  if (missing.length > 0) {
    const earlier = await tx
      .selectFrom('notification_outbox')
      .select(['id', 'idempotency_key'])
      .where('idempotency_key', 'in', missing)
      .execute();
    for (const row of earlier) ids.set(row.idempotency_key!.slice('reminder:'.length), row.id);
  }
  return ids;
}

export interface ReminderOutcome {
  id: string;
  status: 'queued' | 'skipped';
  detail: string | null;
  outboxId: string | null;
  asksReply: boolean;
  smsToDigest: Buffer | null;
  replyTokenHash: Buffer | null;
}

export async function recordOutcomes(tx: Tx, outcomes: ReminderOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const hex = (b: Buffer | null) => (b ? b.toString('hex') : null);
  const rows = outcomes.map(
    (o) =>
      sql`(${o.id}::uuid, ${o.status}::text, ${o.detail}::text, ${o.outboxId}::uuid, ${o.asksReply}::boolean,
           ${hex(o.smsToDigest)}::text, ${hex(o.replyTokenHash)}::text)`,
  );
  await sql`
    update reminders x
       set status = v.status, status_detail = v.detail, outbox_id = v.outbox_id,
           asks_reply = v.asks_reply, sms_to_digest = decode(v.digest, 'hex'),
           reply_token_hash = decode(v.token_hash, 'hex'), updated_at = now()
      from (values ${sql.join(rows)}) as v(id, status, detail, outbox_id, asks_reply, digest, token_hash)
     where x.id = v.id`.execute(tx);
}
