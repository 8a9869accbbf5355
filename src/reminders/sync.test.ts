import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServer } from 'node:http';
import { TEST_NUMBERS, testApp, type TestApp } from '../testing/app.ts';
import { captureLogs } from '../testing/logs.ts';
import { OutboxDelivery } from '../platform/mail/delivery.ts';
import { TwilioSmsSender } from '../platform/sms/twilio.ts';
import { schedulingPractice, upcoming, type Scheduling } from '../scheduling/test-fixtures.ts';
import { addRule, remindersOf, setPreferences } from './test-fixtures.ts';
import { HOUR, pending, syncMoves } from './testing/sync-moves.ts';

let t: TestApp;
let s: Scheduling;

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
});
after(() => t.close());

const { bookAt, patch, queue, outboxRow } = syncMoves(() => ({ t, s }));

describe('reminders follow their appointments (hearth_sync_reminders)', () => {
  let ruleId = '';

  test('booking with a 48 h email+SMS rule plans an email; SMS only with texts on and consent', async () => {
    ruleId = await addRule(t, s.p, { offsetMinutes: 48 * 60, channels: ['email', 'sms'] });
    const start = upcoming(s.zone, 2, 3, '12:00');
    const a = await bookAt(start);
    let rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      rows.map((r) => [r.channel, r.status, r.rule_id, r.due_at.getTime()]),
      [['email', 'pending', ruleId, new Date(start).getTime() - 48 * HOUR]],
    );
    assert.equal(rows[0]?.appointment_start.getTime(), new Date(start).getTime());

    await setPreferences(t, s.p, s.clientId, { sms: true, consent: false });
    rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      pending(rows).map((r) => r.channel),
      ['email'],
      'texts turned on without consent: still no SMS',
    );

    await setPreferences(t, s.p, s.clientId, { sms: true, consent: true });
    rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      pending(rows)
        .map((r) => r.channel)
        .sort(),
      ['email', 'sms'],
    );

    await setPreferences(t, s.p, s.clientId, { email: false, sms: true, consent: true });
    rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      pending(rows).map((r) => r.channel),
      ['sms'],
    );
    assert.deepEqual(
      rows.filter((r) => r.status === 'withdrawn').map((r) => [r.channel, r.status_detail]),
      [['email', 'appointment_changed']],
    );
    await setPreferences(t, s.p, s.clientId, { email: true, sms: false });
  });

  test('moving an appointment withdraws its reminders and plans them for the new time', async () => {
    const a = await bookAt(upcoming(s.zone, 2, 4, '12:00'));
    const [before] = await remindersOf(t, s.p.practiceId, [a.id]);
    const moved = upcoming(s.zone, 2, 5, '13:00');
    await patch(a.id, {
      start: moved,
      end: new Date(new Date(moved).getTime() + 50 * 60_000).toISOString(),
    });
    const rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      rows.map((r) => [r.id === before?.id, r.status, r.due_at.getTime()]),
      [
        [true, 'withdrawn', before?.due_at.getTime()],
        [false, 'pending', new Date(moved).getTime() - 48 * HOUR],
      ],
    );
  });

  test('an unrelated change keeps the pending reminder as it is', async () => {
    const a = await bookAt(upcoming(s.zone, 3, 1, '12:00'));
    const [first] = await remindersOf(t, s.p.practiceId, [a.id]);
    await patch(a.id, { remark: 'parking at the back' });
    await patch(a.id, { status: 'confirmed' });
    const rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      rows.map((r) => [r.id, r.status]),
      [[first?.id, 'pending']],
    );
  });

  test('cancelling withdraws every pending reminder', async () => {
    const a = await bookAt(upcoming(s.zone, 3, 2, '12:00'));
    assert.equal(pending(await remindersOf(t, s.p.practiceId, [a.id])).length, 1);
    await patch(a.id, { status: 'cancelled', statusReason: 'client_request' });
    const rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      rows.map((r) => [r.status, r.status_detail]),
      [['withdrawn', 'appointment_changed']],
    );
  });

  test('a series plans one set of reminders per occurrence', async () => {
    const a = await bookAt(upcoming(s.zone, 4, 2, '12:00'), s.clientId, {
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3' },
    });
    const ids = a.series?.occurrences.map((o) => o.id) ?? [];
    assert.equal(ids.length, 3);
    const rows = await remindersOf(t, s.p.practiceId, ids);
    assert.deepEqual(
      ids.map((id) => rows.filter((r) => r.appointment_id === id && r.status === 'pending').length),
      [1, 1, 1],
    );
  });

  test('a rule turned off, or a new rule, re-plans every future appointment', async () => {
    const a = await bookAt(upcoming(s.zone, 5, 1, '12:00'));
    const second = await addRule(t, s.p, { offsetMinutes: 120, channels: ['email'] });
    let rows = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    assert.deepEqual(rows.map((r) => r.rule_id).sort(), [ruleId, second].sort());
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx.updateTable('reminder_rules').set({ enabled: false }).where('id', '=', second).execute(),
    );
    rows = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    assert.deepEqual(
      rows.map((r) => r.rule_id),
      [ruleId],
    );
    // A rule for in-person appointments only leaves this telehealth one alone.
    await addRule(t, s.p, { offsetMinutes: 240, kinds: ['in_person'] });
    rows = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    assert.deepEqual(
      rows.map((r) => r.rule_id),
      [ruleId],
    );
  });

  test('a reminder already queued is not planned again, whatever changes', async () => {
    const a = await bookAt(upcoming(s.zone, 5, 3, '12:00'));
    const [r] = await remindersOf(t, s.p.practiceId, [a.id]);
    await queue(r!.id, 'sent');
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .insertInto('reminder_settings')
        .values({ quiet_start: '22:00', quiet_end: '07:00' })
        .onConflict((oc) => oc.column('practice_id').doUpdateSet({ quiet_start: '22:00' }))
        .execute(),
    );
    await patch(a.id, { remark: 'bring the form' });
    const rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      rows.map((x) => [x.id, x.status]),
      [[r!.id, 'queued']],
    );
  });
});

describe('a queued reminder for a moved or cancelled appointment is never sent', () => {
  test('moving it fails the unsent message (text erased, recipient kept) and plans a new one', async () => {
    const start = upcoming(s.zone, 9, 2, '12:00');
    const a = await bookAt(start);
    const [r] = await remindersOf(t, s.p.practiceId, [a.id]);
    const outboxId = await queue(r!.id);
    const moved = upcoming(s.zone, 9, 3, '12:00');
    await patch(a.id, {
      start: moved,
      end: new Date(new Date(moved).getTime() + 50 * 60_000).toISOString(),
    });
    assert.deepEqual(await outboxRow(outboxId), {
      status: 'failed',
      last_error: 'appointment_changed',
      body: '',
      recipient: 'client@example.test',
      sent_at: null,
    });
    let rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      rows.map((x) => [x.status, x.appointment_start.getTime()]),
      [
        ['withdrawn', new Date(start).getTime()],
        ['pending', new Date(moved).getTime()],
      ],
    );
    // Moved back: the recalled reminder does not stand in the way of a fresh one.
    await patch(a.id, {
      start,
      end: new Date(new Date(start).getTime() + 50 * 60_000).toISOString(),
    });
    rows = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.deepEqual(
      rows.map((x) => [x.status, x.appointment_start.getTime()]),
      [
        ['withdrawn', new Date(start).getTime()],
        ['withdrawn', new Date(moved).getTime()],
        ['pending', new Date(start).getTime()],
      ],
    );
  });

  test('cancelling fails the unsent message; one being sent or sent is beyond recall', async () => {
    const ids = [];
    for (const day of [1, 2, 3]) ids.push((await bookAt(upcoming(s.zone, 7, day, '12:00'))).id);
    const outbox = [];
    for (const [i, state] of (['unsent', 'sending', 'sent'] as const).entries()) {
      const [r] = await remindersOf(t, s.p.practiceId, [ids[i]!]);
      outbox.push(await queue(r!.id, state));
    }
    for (const id of ids) await patch(id, { status: 'cancelled', statusReason: 'weather' });
    const states = [];
    for (const id of outbox) states.push(await outboxRow(id));
    assert.deepEqual(
      states.map((o) => [o.status, o.last_error, o.body]),
      [
        ['failed', 'appointment_changed', ''],
        ['queued', null, 'See you soon'],
        ['sent', null, 'See you soon'],
      ],
    );
    const rows = await remindersOf(t, s.p.practiceId, ids);
    assert.deepEqual(
      ids.map((id) => rows.find((x) => x.appointment_id === id)?.status),
      ['withdrawn', 'queued', 'queued'],
    );
  });
});

describe('a recalled reminder never reaches the provider', () => {
  test('delivery sends the message of a booked appointment, not the one of a cancelled one', async () => {
    const texts: string[] = [];
    const twilio = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        texts.push(new URLSearchParams(body).get('Body') ?? '');
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ sid: 'SM1', status: 'queued' }));
      });
    });
    await new Promise<void>((resolve) => twilio.listen(0, '127.0.0.1', resolve));
    const port = (twilio.address() as { port: number }).port;
    const delivery = new OutboxDelivery(
      t.db,
      {
        sms: new TwilioSmsSender({
          accountSid: `AC${'0'.repeat(32)}`,
          authToken: 'test',
          from: '+15550001111',
          apiUrl: `http://127.0.0.1:${port}`,
        }),
      },
      captureLogs().logger,
      { numbers: TEST_NUMBERS, statusCallbackUrl: 'https://hearth.test/status' },
    );
    try {
      const kept = await bookAt(upcoming(s.zone, 10, 2, '12:00'));
      const cancelled = await bookAt(upcoming(s.zone, 10, 3, '12:00'));
      const ids: string[] = [];
      for (const a of [kept, cancelled]) {
        const [r] = await remindersOf(t, s.p.practiceId, [a.id]);
        ids.push(await queue(r!.id, 'unsent', 'sms'));
      }
      await t.db.withPractice(s.p.practiceId, (tx) =>
        tx
          .updateTable('notification_outbox')
          .set({ body: 'Kept appointment' })
          .where('id', '=', ids[0]!)
          .execute(),
      );
      await patch(cancelled.id, { status: 'cancelled', statusReason: 'client_request' });
      assert.equal(await delivery.deliver(), 1);
      assert.equal(await delivery.deliver(), 0);
      assert.deepEqual(texts, ['Kept appointment']);
      assert.equal((await outboxRow(ids[1]!)).status, 'failed');
    } finally {
      await delivery.stop();
      await new Promise<void>((resolve) => twilio.close(() => resolve()));
    }
  });
});
