import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs } from '../testing/practice.ts';
import {
  addClient,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../scheduling/test-fixtures.ts';
import { addRule, remindersOf, setPreferences } from './test-fixtures.ts';
import { HOUR, pending, syncMoves } from './testing/sync-moves.ts';

let t: TestApp;
let s: Scheduling;

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
});
after(() => t.close());

const { bookAt, patch, clearRules, queue } = syncMoves(() => ({ t, s }));

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
