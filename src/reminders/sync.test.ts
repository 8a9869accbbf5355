import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { createServer } from 'node:http';
import { TEST_NUMBERS, testApp, type TestApp } from '../testing/app.ts';
import { captureLogs } from '../testing/logs.ts';
import { OutboxDelivery } from '../platform/mail/delivery.ts';
import { TwilioSmsSender } from '../platform/sms/twilio.ts';
import { callAs } from '../testing/practice.ts';
import {
  addClient,
  book,
  booking,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../scheduling/test-fixtures.ts';
import { addRule, remindersOf, setPreferences } from './test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
const HOUR = 3_600_000;

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
});
after(() => t.close());

async function bookAt(start: string, clientId = s.clientId, extra: Record<string, unknown> = {}) {
  const r = await book(t, s.p.staff.front_desk, booking({ ...s, clientId }, start, 50, extra));
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string; series: { occurrences: { id: string }[] } | null }>();
}

async function patch(id: string, body: Record<string, unknown>) {
  const r = await callAs(t, s.p.staff.front_desk, 'PATCH', `/api/v1/appointments/${id}`, body);
  assert.equal(r.statusCode, 200, r.body);
}

const pending = <T extends { status: string }>(rows: T[]) =>
  rows.filter((r) => r.status === 'pending');

async function clearRules() {
  await t.db.withPractice(s.p.practiceId, (tx) =>
    tx.updateTable('reminder_rules').set({ deleted_at: new Date() }).execute(),
  );
}

/** Marks a reminder queued with an outbox message, as the send job would. */
async function queue(
  reminderId: string,
  sent: 'unsent' | 'sending' | 'sent' = 'unsent',
  channel: 'email' | 'sms' = 'email',
) {
  return t.db.withPractice(s.p.practiceId, async (tx) => {
    const o = await tx
      .insertInto('notification_outbox')
      .values({
        channel,
        recipient: channel === 'sms' ? '+15552013344' : 'client@example.test',
        subject: 'Reminder',
        body: 'See you soon',
        kind: 'reminder',
        idempotency_key: `reminder:${reminderId}`,
        sending_at: sent === 'sending' ? new Date() : null,
        sent_at: sent === 'sent' ? new Date() : null,
        status: sent === 'sent' ? 'sent' : 'queued',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('reminders')
      .set({ status: 'queued', outbox_id: o.id })
      .where('id', '=', reminderId)
      .execute();
    return o.id;
  });
}

async function outboxRow(id: string) {
  return t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select(['status', 'last_error', 'body', 'recipient', 'sent_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

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

describe('quiet hours, in the client’s zone', () => {
  before(async () => {
    await clearRules();
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .insertInto('reminder_settings')
        .values({ quiet_start: '21:00', quiet_end: '08:00' })
        .onConflict((oc) =>
          oc.column('practice_id').doUpdateSet({ quiet_start: '21:00', quiet_end: '08:00' }),
        )
        .execute(),
    );
  });

  /** The local date of the next time-zone transition at least five days away. */
  function nextTransition(zone: string): Temporal.PlainDate {
    let at = Temporal.Now.zonedDateTimeISO(zone).add({ days: 5 });
    const next = at.getTimeZoneTransition('next');
    assert.ok(next, `${zone} changes its clocks`);
    at = next;
    return at.toPlainDate();
  }

  const local = (zone: string, date: Temporal.PlainDate, time: string) =>
    date.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(zone);

  test('a reminder falling at night moves to the quiet hours’ end, across a clock change', async () => {
    const rule = await addRule(t, s.p, { offsetMinutes: 48 * 60, channels: ['email'] });
    const day = nextTransition(s.zone);
    const start = local(s.zone, day.add({ days: 2 }), '07:30');
    const a = await bookAt(start.toString({ timeZoneName: 'never' }));
    const rows = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    // 48 h before is 07:30 on the day the clocks changed, in quiet hours: 08:00 that day.
    assert.equal(
      rows[0]?.due_at.toISOString(),
      new Date(local(s.zone, day, '08:00').epochMilliseconds).toISOString(),
    );
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .updateTable('reminder_rules')
        .set({ deleted_at: new Date() })
        .where('id', '=', rule)
        .execute(),
    );
  });

  test('when the quiet hours end after the appointment, the reminder goes at their start', async () => {
    await addRule(t, s.p, { offsetMinutes: 120, channels: ['email'] });
    const start = upcoming(s.zone, 8, 3, '07:30');
    const a = await bookAt(start);
    const rows = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    const evening = Temporal.ZonedDateTime.from(`${start}[${s.zone}]`, { offset: 'use' })
      .subtract({ days: 1 })
      .withPlainTime('21:00');
    assert.equal(rows[0]?.due_at.getTime(), evening.epochMilliseconds);
  });

  test('the client’s own zone decides, and changing the quiet hours re-plans', async () => {
    const berlin = await addClient(t, s.p, s.p.staff.associate, 'Weber');
    await setPreferences(t, s.p, berlin, { timeZone: 'Europe/Berlin' });
    const start = upcoming(s.zone, 8, 4, '13:30');
    const due = new Date(start).getTime() - 2 * HOUR;
    const a = await bookAt(start, berlin);
    let [r] = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    assert.equal(r?.due_at.getTime(), due, 'late evening in Berlin: not quiet yet');
    // Quiet hours from half an hour before to an hour after the due time, Berlin's clock.
    const dueThere =
      Temporal.Instant.fromEpochMilliseconds(due).toZonedDateTimeISO('Europe/Berlin');
    const hhmm = (z: Temporal.ZonedDateTime) => z.toPlainTime().toString().slice(0, 5);
    const end = dueThere.add({ hours: 1 });
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .updateTable('reminder_settings')
        .set({ quiet_start: hhmm(dueThere.subtract({ minutes: 30 })), quiet_end: hhmm(end) })
        .execute(),
    );
    [r] = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    assert.equal(r?.due_at.getTime(), end.epochMilliseconds);
    // A client of the practice's own zone, with the same start, is six hours away from them.
    const other = await bookAt(start, s.otherClientId, {
      clinicianId: s.p.secondAssociate.userId,
    });
    const [n] = pending(await remindersOf(t, s.p.practiceId, [other.id]));
    assert.equal(n?.due_at.getTime(), due);
  });

  test('the practice moving to another zone re-plans its clients’ reminders', async () => {
    const start = upcoming(s.zone, 9, 4, '13:30');
    const a = await bookAt(start, s.otherClientId, { clinicianId: s.p.secondAssociate.userId });
    const due = new Date(start).getTime() - 2 * HOUR;
    let [r] = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    assert.equal(r?.due_at.getTime(), due);
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .updateTable('reminder_settings')
        .set({ quiet_start: '21:00', quiet_end: '08:00' })
        .execute(),
    );
    const moved = await callAs(t, s.p.staff.admin, 'PATCH', '/api/v1/practice', {
      timeZone: 'Asia/Tokyo',
    });
    assert.equal(moved.statusCode, 200, moved.body);
    [r] = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    // 11:30 in New York is the small hours in Tokyo: quiet there.
    const local = Temporal.Instant.fromEpochMilliseconds(due).toZonedDateTimeISO('Asia/Tokyo');
    assert.ok(local.hour >= 21 || local.hour < 8, local.toString());
    const end = (local.hour < 8 ? local : local.add({ days: 1 })).withPlainTime('08:00');
    const begin = (local.hour >= 21 ? local : local.subtract({ days: 1 })).withPlainTime('21:00');
    const expected =
      end.epochMilliseconds < new Date(start).getTime()
        ? end.epochMilliseconds
        : begin.epochMilliseconds;
    assert.equal(r?.due_at.getTime(), expected);
    await callAs(t, s.p.staff.admin, 'PATCH', '/api/v1/practice', { timeZone: s.zone });
  });
});

describe('a booking made inside a rule’s offset is still reminded (catch-up)', () => {
  /** An instant `hours` from now, to the minute. */
  const fromNow = (hours: number) =>
    new Date(Math.floor((Date.now() + hours * HOUR) / 60_000) * 60_000).toISOString();

  test('the latest passed rule per channel is due at once, once; an hour or less away: none', async () => {
    await clearRules();
    // No quiet hours, so "at once" does not depend on the time of day the test runs.
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .insertInto('reminder_settings')
        .values({ quiet_start: '00:00', quiet_end: '00:00', updated_by: null })
        .onConflict((oc) =>
          oc.column('practice_id').doUpdateSet({ quiet_start: '00:00', quiet_end: '00:00' }),
        )
        .execute(),
    );
    await setPreferences(t, s.p, s.clientId, { email: true, sms: false, consent: false });
    const day = await addRule(t, s.p, { offsetMinutes: 48 * 60, channels: ['email'] });
    const week = await addRule(t, s.p, { offsetMinutes: 7 * 24 * 60, channels: ['email'] });
    const soon = await addRule(t, s.p, { offsetMinutes: 120, channels: ['email'] });
    const before = Date.now();
    const a = await bookAt(fromNow(30));
    const rows = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    const byRule = new Map(rows.map((r) => [r.rule_id, r]));
    assert.equal(rows.length, 2, 'the 48 h rule as a catch-up and the 2 h rule as planned');
    assert.ok(!byRule.has(week), 'of the passed rules only the latest (48 h) catches up');
    const caught = byRule.get(day)!;
    assert.ok(
      caught.due_at.getTime() >= before - 1_000 && caught.due_at.getTime() <= Date.now() + 1_000,
    );
    assert.ok(byRule.get(soon)!.due_at.getTime() > Date.now() + 27 * HOUR);

    // A later change re-plans without a second catch-up, and a sent one is never repeated.
    await patch(a.id, { status: 'confirmed' });
    let after = pending(await remindersOf(t, s.p.practiceId, [a.id]));
    assert.deepEqual(after.map((r) => r.id).sort(), rows.map((r) => r.id).sort());
    await queue(caught.id);
    await patch(a.id, { status: 'scheduled' });
    after = await remindersOf(t, s.p.practiceId, [a.id]);
    assert.equal(after.filter((r) => r.rule_id === day || r.rule_id === week).length, 1);

    const close = await bookAt(fromNow(0.75));
    assert.deepEqual(await remindersOf(t, s.p.practiceId, [close.id]), []);
  });
});
