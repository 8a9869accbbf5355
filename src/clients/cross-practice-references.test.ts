import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { asSuperuser } from '../testing/superuser.ts';
import { tenantForeignKeys } from '../testing/tenant-keys.ts';
import { writeRecords } from './testing/access-world.ts';

/**
 * Row-level security does not apply to foreign-key checks: before migration 0020 a row of
 * practice A could point at practice B's client, user, note, appointment or document, stopped
 * only by application code. Playing an attacker with the database's own rights (superuser,
 * past every policy), this writes, for every reference between tenant tables the catalog
 * lists, a copy of one of practice A's rows whose reference points at practice B's row — and
 * expects the database to refuse it (23503).
 */

let t: TestApp;
let a: StaffedPractice;
let b: StaffedPractice;

/** Every kind of row of one practice, through the API where it has a route, else directly. */
async function populate(p: StaffedPractice): Promise<void> {
  const { admin, associate, front_desk: desk } = p.staff;
  const records = await writeRecords(t, p, associate, [associate]);
  const ok = async (r: { statusCode: number; body: string }) => {
    assert.ok(r.statusCode < 300, r.body);
    return JSON.parse(r.body) as { id: string };
  };
  await ok(
    await callAs(t, associate, 'POST', `/api/v1/notes/${records.signedNoteId}/addenda`, {
      text: 'Late entry.',
    }),
  );
  const location = await ok(await callAs(t, admin, 'POST', '/api/v1/locations', { name: 'Annex' }));
  const start = new Date(Date.now() + 90 * 86_400_000);
  start.setUTCHours(15, 0, 0, 0);
  await ok(
    await callAs(t, desk, 'POST', '/api/v1/appointments', {
      clientId: records.clientId,
      clinicianId: associate.userId,
      start: start.toISOString(),
      end: new Date(start.getTime() + 50 * 60_000).toISOString(),
      kind: 'in_person',
      locationId: location.id,
      serviceCode: '90834',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=2' },
    }),
  );
  // Reminders: settings, a rule (which plans the series' reminders), a client's preferences.
  await ok(await callAs(t, admin, 'PUT', '/api/v1/reminder-settings', { lateCancelHours: 12 }));
  await ok(
    await callAs(t, admin, 'POST', '/api/v1/reminder-rules', {
      offsetMinutes: 2880,
      channels: ['email', 'sms'],
      kinds: ['in_person'],
      askConfirmation: true,
    }),
  );
  await ok(
    await callAs(t, admin, 'PUT', `/api/v1/clients/${records.clientId}/contact-preferences`, {
      emailReminders: true,
      smsReminders: true,
      smsConsent: true,
      timeZone: null,
    }),
  );
  const hash = () => randomBytes(32);
  await asSuperuser(t.database, async (su) => {
    const practice_id = p.practiceId;
    const user_id = associate.userId;
    await su
      .insertInto('baa_acceptances')
      .values({
        practice_id,
        version: 'test',
        text_sha256: 'a'.repeat(64),
        signer_name: 'Ada Admin',
        signer_user_id: admin.userId,
      } as never)
      .execute();
    await su
      .insertInto('mfa_recovery_codes')
      .values({ practice_id, user_id, code_hash: hash() } as never)
      .execute();
    await su
      .insertInto('account_tokens')
      .values({
        practice_id,
        user_id,
        token_hash: hash(),
        purpose: 'invitation',
        expires_at: new Date(Date.now() + 3_600_000),
      } as never)
      .execute();
    await su
      .insertInto('mfa_sms_codes')
      .values({
        practice_id,
        user_id,
        code_hash: hash(),
        purpose: 'enrol',
        expires_at: new Date(Date.now() + 600_000),
      } as never)
      .execute();
    await su
      .insertInto('webauthn_credentials')
      .values({
        practice_id,
        user_id,
        credential_id: randomBytes(16).toString('base64url'),
        public_key: randomBytes(64),
      } as never)
      .execute();
    await su
      .insertInto('working_hours')
      .values({
        practice_id,
        clinician_id: user_id,
        created_by: admin.userId,
        weekday: 2,
        start_time: '09:00',
        end_time: '17:00',
      } as never)
      .execute();
    await su
      .insertInto('time_off')
      .values({
        practice_id,
        clinician_id: user_id,
        created_by: admin.userId,
        start_at: new Date(Date.now() + 200 * 86_400_000),
        end_at: new Date(Date.now() + 201 * 86_400_000),
        time_zone: 'America/New_York',
        reason: 'vacation',
      } as never)
      .execute();
    await su
      .insertInto('calendar_feeds')
      .values({
        practice_id,
        clinician_id: user_id,
        created_by: user_id,
        token_hash: hash(),
      } as never)
      .execute();
    await su
      .insertInto('break_glass_grants')
      .values({
        practice_id,
        user_id: p.secondAssociate.userId,
        client_id: records.clientId,
        reason: 'Client in crisis, on call',
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
    // A reminder the send job has queued: it names its outbox message.
    const message = await su
      .insertInto('notification_outbox')
      .values({
        practice_id,
        channel: 'email',
        recipient: 'client@example.test',
        subject: 'Appointment reminder',
        body: 'See you then',
        kind: 'reminder',
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const queued = await su
      .updateTable('reminders')
      .set({ status: 'queued', outbox_id: message.id })
      .where('practice_id', '=', practice_id)
      .where('channel', '=', 'email')
      .executeTakeFirst();
    assert.ok(Number(queued.numUpdatedRows) > 0, 'the rule planned reminders to queue');
    const { rows } = await sql<{ id: string }>`
      select max(id)::text as id from audit_events where practice_id = ${practice_id}`.execute(su);
    await sql`insert into audit_seals (practice_id, seq, event_id, prev_hash, hash)
              values (${practice_id}, 1000000000, ${rows[0]!.id}::bigint, ${hash()}, ${hash()})`.execute(
      su,
    );
  });
}

before(async () => {
  t = await testApp();
  a = await staffedPractice(t, 'Practice A');
  b = await staffedPractice(t, 'Practice B');
  await populate(a);
  await populate(b);
});
after(() => t.close());

/**
 * In a transaction that is rolled back: copies one of practice A's rows of `table` with
 * `column` pointed at practice B's `referenced` row. The copy must collide with nothing but the
 * key under test, so the table's triggers (write-once rows, signed-note locks) are disabled and
 * its other constraints that no key depends on dropped — for this transaction only.
 */
async function crossReference(
  su: Kysely<DB>,
  key: { table: string; columns: string[]; referenced: string },
): Promise<{ code: string | undefined; message: string }> {
  const column = key.columns.find((c) => c !== 'practice_id')!;
  const table = sql.id(key.table);
  try {
    await su.transaction().execute(async (tx) => {
      await sql`alter table ${table} disable trigger user`.execute(tx);
      // Unique, exclusion and check constraints no key depends on: a copy of a row collides
      // with its source (same slot, same token) and the one changed column may break a check
      // that ties it to another (a signer and a signature time). Only the key is under test.
      const { rows: constraints } = await sql<{ con: string }>`
        select c.conname as con from pg_constraint c
         where c.conrelid = ${key.table}::regclass and c.contype in ('u', 'p', 'x', 'c')
           and not exists (select 1 from pg_constraint f
                            where f.contype = 'f' and f.conindid = c.conindid and c.conindid <> 0)`.execute(
        tx,
      );
      for (const { con } of constraints) {
        await sql`alter table ${table} drop constraint ${sql.id(con)}`.execute(tx);
      }
      const { rows: indexes } = await sql<{ idx: string }>`
        select i.indexrelid::regclass::text as idx from pg_index i
         where i.indrelid = ${key.table}::regclass and i.indisunique
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`.execute(
        tx,
      );
      for (const { idx } of indexes) await sql`drop index ${sql.raw(idx)}`.execute(tx);
      // Practice B's row; an audit event not yet sealed, since a seal names its event once.
      const { rows: targets } = await sql<{ id: string }>`
        select r.id::text as id from ${sql.id(key.referenced)} r
         where r.practice_id = ${b.practiceId}
         order by r.id desc limit 1`.execute(tx);
      const target = targets[0]?.id;
      assert.ok(target, `practice B has no ${key.referenced} row to point at`);
      const { rows: cols } = await sql<{ name: string }>`
        select a.attname::text as name from pg_attribute a
         where a.attrelid = ${key.table}::regclass and a.attnum > 0 and not a.attisdropped
           and a.attgenerated = '' and a.attidentity <> 'a'
         order by a.attnum`.execute(tx);
      const names = sql.join(cols.map((c) => sql.id(c.name)));
      const fresh = cols.some((c) => c.name === 'id')
        ? sql`jsonb_build_object('id', gen_random_uuid())`
        : sql`'{}'::jsonb`;
      const { rows: copied } = await sql<{ n: number }>`
        with source as (
          select to_jsonb(s) as row from ${table} s
           where s.practice_id = ${a.practiceId} limit 1),
        inserted as (
          insert into ${table} (${names})
          select ${names}
            from source,
                 jsonb_populate_record(null::${table},
                   source.row || ${fresh} || jsonb_build_object(${column}::text, ${target}::text))
          returning 1)
        select count(*)::int as n from inserted`.execute(tx);
      if (copied[0]?.n !== 1) throw new Error(`practice A has no ${key.table} row to copy`);
      throw new Error('accepted');
    });
  } catch (err) {
    const e = err as { code?: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('unreachable');
}

describe("a row of one practice cannot point at another practice's row (issue 14, item 8)", () => {
  test('every reference between tenant tables refuses a row of practice B (23503)', async () => {
    const outcomes = await asSuperuser(t.database, async (su) => {
      const keys = await tenantForeignKeys(su);
      const lines: string[] = [];
      for (const key of keys) {
        const { code, message } = await crossReference(su, key);
        const column = key.columns.filter((c) => c !== 'practice_id').join(', ');
        lines.push(
          `${key.table}.${column} → ${key.referenced}: ${code === '23503' ? 'refused' : `${code ?? ''} ${message}`}`,
        );
      }
      return lines;
    });
    assert.ok(outcomes.length >= 40, `only ${outcomes.length} references found`);
    assert.deepEqual(
      outcomes.filter((o) => !o.endsWith(': refused')),
      [],
    );
  });
});
