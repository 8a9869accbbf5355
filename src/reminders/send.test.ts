import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, TEST_CONFIG, type TestApp } from '../testing/app.ts';
import { asSuperuser } from '../testing/superuser.ts';
import { NumberDigester } from '../platform/sms/phone.ts';
import {
  book,
  booking,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../scheduling/test-fixtures.ts';
import { Jobs } from '../platform/jobs/jobs.ts';
import { captureLogs } from '../testing/logs.ts';
import {
  defineReminderJobs,
  replyTokenHash,
  SEND_JOB,
  sendDueReminders,
  SMS_REPLY_PROMPT,
} from './index.ts';
import { addRule, setPreferences } from './test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
let appointmentId = '';
const digester = new NumberDigester(randomBytes(32));
const services = () => ({ db: t.db, digester, publicUrl: TEST_CONFIG.publicUrl });

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  await addRule(t, s.p, {
    offsetMinutes: 60,
    channels: ['email'],
    askConfirmation: true,
  });
  await addRule(t, s.p, { offsetMinutes: 90, channels: ['sms'], askConfirmation: true });
  const r = await book(t, s.p.staff.front_desk, booking(s, upcoming(s.zone, 1, 3, '12:00')));
  assert.equal(r.statusCode, 201, r.body);
  appointmentId = r.json<{ id: string }>().id;
  await setContact('rowan@example.test', '(555) 201-3344');
  await setPreferences(t, s.p, s.clientId, { sms: true, consent: true });
});
after(() => t.close());

async function setContact(email: string | null, phone: string | null) {
  await t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .updateTable('clients')
      .set({ email, phone, updated_at: new Date() })
      .where('id', '=', s.clientId)
      .execute(),
  );
}

/** Makes the appointment's planned reminders (and `extra` copies of its email one) due now. */
async function makeDue(extra = 0) {
  await t.db.withPractice(s.p.practiceId, async (tx) => {
    await sql`update reminders set due_at = now() - interval '1 minute'
               where appointment_id = ${appointmentId} and status = 'pending'`.execute(tx);
    await sql`insert into reminders (appointment_id, rule_id, channel, due_at, appointment_start)
              select appointment_id, rule_id, channel, due_at, appointment_start
                from reminders, generate_series(1, ${extra}::int)
               where appointment_id = ${appointmentId} and status = 'pending' and channel = 'email'`.execute(
      tx,
    );
  });
}

async function reset() {
  await t.db.withPractice(s.p.practiceId, async (tx) => {
    await sql`update reminders set status = 'withdrawn' where status <> 'withdrawn'`.execute(tx);
    await sql`insert into reminders (appointment_id, rule_id, channel, due_at, appointment_start)
              select a.id, r.id, r.channels[1], now() + interval '1 hour', a.start_at
                from appointments a, reminder_rules r where a.id = ${appointmentId}`.execute(tx);
  });
}

const outbox = () =>
  t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select([
        'id',
        'channel',
        'recipient',
        'subject',
        'body',
        'kind',
        'idempotency_key',
        'expires_at',
        'status',
      ])
      .where('kind', '=', 'reminder')
      .execute(),
  );

const reminders = () =>
  t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .selectFrom('reminders')
      .select([
        'id',
        'channel',
        'status',
        'status_detail',
        'outbox_id',
        'asks_reply',
        'sms_to_digest',
        'reply_token_hash',
      ])
      .where('status', '<>', 'withdrawn')
      .execute(),
  );

async function clearOutbox() {
  await t.db.withPractice(s.p.practiceId, async (tx) => {
    await sql`update reminders set outbox_id = null where outbox_id is not null`.execute(tx);
  });
  await asSuperuser(t.database, (db) =>
    sql`delete from notification_outbox where kind = 'reminder'`.execute(db),
  );
}

describe('the send job', () => {
  beforeEach(async () => {
    await clearOutbox();
    await reset();
  });

  test('a due email and SMS become outbox messages: key, expiry, recipient, reply link, digest, audit', async () => {
    await makeDue();
    const report = await sendDueReminders(services());
    assert.deepEqual(report, { queued: 2, skipped: 0 });
    const rows = await reminders();
    const messages = await outbox();
    assert.equal(messages.length, 2);
    const start = await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .selectFrom('appointments')
        .select('start_at')
        .where('id', '=', appointmentId)
        .executeTakeFirstOrThrow(),
    );
    for (const r of rows) {
      const m = messages.find((x) => x.id === r.outbox_id);
      assert.ok(m, `reminder ${r.channel} points at its message`);
      assert.equal(r.status, 'queued');
      assert.equal(r.asks_reply, true);
      assert.equal(m.kind, 'reminder');
      assert.equal(m.status, 'queued');
      assert.equal(m.idempotency_key, `reminder:${r.id}`);
      assert.equal(m.expires_at?.getTime(), start.start_at.getTime());
      if (r.channel === 'email') {
        assert.equal(m.recipient, 'rowan@example.test');
        const token = new RegExp(`${TEST_CONFIG.publicUrl}/r/([A-Za-z0-9_-]{43})\\b`).exec(
          m.body,
        )?.[1];
        assert.ok(token, m.body);
        assert.ok(Buffer.from(r.reply_token_hash!).equals(replyTokenHash(token)));
        assert.equal(r.sms_to_digest, null);
      } else {
        assert.equal(m.recipient, '+15552013344');
        assert.ok(m.body.endsWith(SMS_REPLY_PROMPT), m.body);
        assert.ok(Buffer.from(r.sms_to_digest!).equals(digester.digest('+1 555 201 3344')!));
        assert.equal(r.reply_token_hash, null);
      }
    }
    const audits = await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['actor_type', 'actor_label', 'client_id', 'subject_id', 'detail'])
        .where('action', '=', 'reminder.send')
        .execute(),
    );
    assert.deepEqual(
      audits.map((a) => [a.actor_type, a.actor_label, a.client_id, a.subject_id]).sort(),
      rows.map((r) => ['system', 'reminders-send', s.clientId, r.id]).sort(),
    );
    // Run again: nothing is due, nothing is written twice.
    assert.deepEqual(await sendDueReminders(services()), { queued: 0, skipped: 0 });
    assert.equal((await outbox()).length, 2);
  });

  test('a rule that asks nothing: no link, no reply prompt', async () => {
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx.updateTable('reminder_rules').set({ ask_confirmation: false }).execute(),
    );
    await reset();
    await makeDue();
    await sendDueReminders(services());
    const messages = await outbox();
    assert.equal(messages.length, 2);
    for (const m of messages) {
      assert.ok(!m.body.includes('/r/'), m.body);
      assert.ok(!m.body.includes('Reply C'), m.body);
      assert.ok(!m.body.includes('{'), m.body);
    }
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx.updateTable('reminder_rules').set({ ask_confirmation: true }).execute(),
    );
  });

  test('skipped, with the reason: no address, no number, a bad number, an opted-out number', async () => {
    const cases: [string | null, string | null, boolean, Record<string, string>][] = [
      [null, null, false, { email: 'no_email', sms: 'no_phone' }],
      ['rowan@example.test', '12', false, { email: 'queued', sms: 'bad_phone' }],
      ['rowan@example.test', '+1 555 201 3344', true, { email: 'queued', sms: 'opted_out' }],
    ];
    for (const [email, phone, stop, expected] of cases) {
      await clearOutbox();
      await reset();
      await setContact(email, phone);
      if (stop) {
        await t.db.withPractice(s.p.practiceId, (tx) =>
          tx
            .insertInto('sms_opt_outs')
            .values({ number_digest: digester.digest(phone!)!, opted_out: true })
            .execute(),
        );
      }
      await makeDue();
      await sendDueReminders(services());
      const rows = await reminders();
      assert.deepEqual(
        Object.fromEntries(
          rows.map((r) => [r.channel, r.status === 'queued' ? 'queued' : r.status_detail]),
        ),
        expected,
      );
      assert.equal(
        (await outbox()).length,
        Object.values(expected).filter((v) => v === 'queued').length,
      );
    }
    await setContact('rowan@example.test', '(555) 201-3344');
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx.updateTable('sms_opt_outs').set({ opted_out: false }).execute(),
    );
  });

  test('two runs at once over 200 due reminders write exactly 200 messages', async () => {
    await makeDue(198);
    const due = (await reminders()).filter((r) => r.status === 'pending').length;
    assert.equal(due, 200);
    const [a, b] = await Promise.all([
      sendDueReminders(services(), { batchSize: 25 }),
      sendDueReminders(services(), { batchSize: 25 }),
    ]);
    assert.equal(a.queued + b.queued, 200);
    const messages = await outbox();
    assert.equal(messages.length, 200);
    assert.equal(new Set(messages.map((m) => m.idempotency_key)).size, 200);
    assert.ok((await reminders()).every((r) => r.status === 'queued' && r.outbox_id));
  });

  test('a run that fails midway writes nothing; the next run writes everything', async () => {
    await makeDue(10);
    // The audit rows are written last in a batch: failing them aborts the batch after its messages.
    await asSuperuser(t.database, async (db) => {
      await sql`create function test_fail_audit() returns trigger language plpgsql as $$
                begin raise exception 'worker died'; end $$`.execute(db);
      await sql`create trigger test_fail_audit before insert on audit_events for each row
                when (new.action = 'reminder.send') execute function test_fail_audit()`.execute(db);
    });
    try {
      await assert.rejects(sendDueReminders(services(), { batchSize: 5 }));
    } finally {
      await asSuperuser(t.database, async (db) => {
        await sql`drop trigger test_fail_audit on audit_events`.execute(db);
        await sql`drop function test_fail_audit()`.execute(db);
      });
    }
    assert.equal((await outbox()).length, 0);
    assert.ok((await reminders()).every((r) => r.status === 'pending'));
    const report = await sendDueReminders(services(), { batchSize: 5 });
    assert.equal(report.queued, 12);
    assert.equal((await outbox()).length, 12);
  });

  test('a reminder whose appointment changed under it is skipped, not sent', async () => {
    await makeDue();
    // As if the change had committed between planning and sending, past the trigger.
    await t.db.withPractice(s.p.practiceId, (tx) =>
      sql`update reminders set appointment_start = appointment_start - interval '1 day'
           where status = 'pending'`.execute(tx),
    );
    assert.deepEqual(await sendDueReminders(services()), { queued: 0, skipped: 2 });
    assert.ok((await reminders()).every((r) => r.status_detail === 'appointment_changed'));
    assert.equal((await outbox()).length, 0);
  });
});

describe('on the job queue', () => {
  beforeEach(async () => {
    await clearOutbox();
    await reset();
  });

  test('reminders-send runs every minute, and a queued run sends what is due', async () => {
    const logs = captureLogs();
    const jobs = new Jobs(t.db, {
      databaseUrl: t.database.url,
      databaseCaFile: undefined,
      logger: logs.logger,
      pollingIntervalSeconds: 0.5,
    });
    defineReminderJobs(jobs, services(), logs.logger);
    await jobs.start({ work: true });
    try {
      assert.deepEqual(
        (await jobs.schedules()).filter((x) => x.name === SEND_JOB),
        [{ name: SEND_JOB, cron: '* * * * *' }],
      );
      await makeDue();
      assert.ok(await jobs.send(SEND_JOB));
      const deadline = Date.now() + 20_000;
      while ((await outbox()).length < 2) {
        if (Date.now() > deadline) throw new Error('the queued run sent nothing');
        await new Promise((r) => setTimeout(r, 100));
      }
      const lines = logs.lines().filter((l) => l.msg === 'reminders sent');
      assert.deepEqual(
        lines.map((l) => [l.queued, l.skipped]),
        [[2, 0]],
        'counts only in the log',
      );
    } finally {
      await jobs.stop();
    }
  });
});
