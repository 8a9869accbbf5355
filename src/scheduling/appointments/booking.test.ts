import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs } from '../../testing/practice.ts';
import {
  auditRows,
  book,
  booking,
  countRows,
  errorCode,
  plusMinutes,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
let zone = '';
let firstId = '';

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  zone = s.zone;
});
after(() => t.close());

describe('booking', () => {
  test('the front desk books; the answer has UTC and local times, and the write is audited', async () => {
    const start = upcoming(zone, 1, 2, '09:00');
    const r = await book(t, s.p.staff.front_desk, booking(s, start));
    assert.equal(r.statusCode, 201, r.body);
    const a = r.json<Record<string, unknown>>();
    firstId = a.id as string;
    assert.equal(a.start, new Date(start).toISOString());
    assert.equal((a.localStart as string).slice(11), '09:00');
    assert.equal((a.localEnd as string).slice(11), '09:50');
    assert.equal(a.timeZone, zone);
    assert.equal(a.status, 'scheduled');
    assert.equal(a.outsideWorkingHours, true, 'no working hours are set yet');
    assert.equal(a.series, null);
    const rows = await auditRows(t, s.p.practiceId, 'appointment.create');
    assert.deepEqual(
      rows.map((e) => [e.actor_user_id, e.client_id, e.subject_id]),
      [[s.p.staff.front_desk.userId, s.clientId, firstId]],
    );
  });

  test('inside the clinician’s working hours the answer says so; outside, it warns', async () => {
    const hours = await callAs(
      t,
      s.p.staff.associate,
      'PUT',
      `/api/v1/clinicians/${s.p.staff.associate.userId}/hours`,
      {
        blocks: [{ weekday: 3, start: '08:00', end: '12:00' }],
      },
    );
    assert.equal(hours.statusCode, 200, hours.body);
    const inside = await book(t, s.p.staff.associate, booking(s, upcoming(zone, 1, 3, '09:00')));
    assert.equal(inside.statusCode, 201, inside.body);
    assert.equal(inside.json<{ outsideWorkingHours: boolean }>().outsideWorkingHours, false);
    const late = await book(t, s.p.staff.associate, booking(s, upcoming(zone, 1, 3, '11:30')));
    assert.equal(late.statusCode, 201, late.body);
    assert.equal(
      late.json<{ outsideWorkingHours: boolean }>().outsideWorkingHours,
      true,
      'runs past 12:00',
    );
  });

  test('bad input is refused with a code that says what to fix, and nothing is written', async () => {
    const start = upcoming(zone, 2, 4, '10:00');
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...booking(s, start), end: start }, 'invalid_time_range'],
      [{ ...booking(s, start), end: plusMinutes(start, -30) }, 'invalid_time_range'],
      [booking(s, start, 13 * 60), 'too_long'],
      [booking(s, past), 'in_the_past'],
      [booking(s, start, 50, { serviceCode: '9083' }), 'validation_failed'],
      [booking(s, start, 50, { serviceCode: '90834 ' }), 'validation_failed'],
      [booking(s, start, 50, { start: '2030-01-01T09:00:00' }), 'validation_failed'],
      [booking(s, start, 50, { locationId: s.clientId }), 'invalid_location'],
      [booking(s, start, 50, { kind: 'in_person', locationId: s.clientId }), 'invalid_location'],
      [booking(s, start, 50, { clinicianId: s.p.staff.front_desk.userId }), 'invalid_clinician'],
      [booking(s, start, 50, { status: 'cancelled' }), 'validation_failed'],
      [booking(s, start, 50, { statusReason: 'weather' }), 'reason_not_expected'],
      [booking(s, past, 50, { status: 'no_show' }), 'reason_required'],
      [booking(s, start, 50, { status: 'completed' }), 'not_started'],
      [booking(s, start, 50, { recurrence: { rrule: 'FREQ=HOURLY;COUNT=3' } }), 'invalid_rrule'],
      [booking(s, start, 50, { recurrence: { rrule: 'FREQ=WEEKLY' } }), 'invalid_rrule'],
      [
        booking(s, start, 50, { recurrence: { rrule: 'FREQ=WEEKLY;COUNT=61' } }),
        'too_many_occurrences',
      ],
      [
        booking(s, start, 50, { recurrence: { rrule: 'FREQ=DAILY;UNTIL=20991231T000000Z' } }),
        'too_many_occurrences',
      ],
      [
        booking(s, start, 50, { recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' } }),
        'start_not_in_rule',
      ],
      [booking(s, start, 50, { nickname: 'x' }), 'validation_failed'],
    ];
    const before = await countRows(t, s.p.practiceId, 'appointments');
    for (const [body, code] of cases) {
      const r = await book(t, s.p.staff.front_desk, body);
      assert.equal(r.statusCode, 400, `${code}: ${r.body}`);
      assert.equal(errorCode(r), code, r.body);
    }
    assert.equal(await countRows(t, s.p.practiceId, 'appointments'), before);
    assert.equal(await countRows(t, s.p.practiceId, 'appointment_series'), 0);
  });

  test('what already happened is recorded with status completed or no_show (with a reason)', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const done = await book(
      t,
      s.p.staff.associate,
      booking(s, yesterday, 50, { status: 'completed' }),
    );
    assert.equal(done.statusCode, 201, done.body);
    const missed = await book(
      t,
      s.p.staff.associate,
      booking(s, plusMinutes(yesterday, 60), 50, { status: 'no_show', statusReason: 'no_contact' }),
    );
    assert.equal(missed.statusCode, 201, missed.body);
    const locked = await callAs(
      t,
      s.p.staff.admin,
      'PATCH',
      `/api/v1/appointments/${done.json<{ id: string }>().id}`,
      {
        serviceCode: '90837',
      },
    );
    assert.equal(locked.statusCode, 409);
    assert.equal(errorCode(locked), 'appointment_completed');
  });

  test('a clinician books only clients in their care (403, audited); billers cannot book', async () => {
    const start = upcoming(zone, 3, 1, '14:00');
    const refused = await book(t, s.p.secondAssociate, {
      ...booking(s, start),
      clinicianId: s.p.secondAssociate.userId,
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(errorCode(refused), 'not_your_client');
    const denied = (await auditRows(t, s.p.practiceId, 'appointment.create')).filter(
      (e) => e.outcome === 'denied',
    );
    assert.deepEqual(
      denied.map((e) => [e.actor_user_id, e.client_id]),
      [[s.p.secondAssociate.userId, s.clientId]],
    );
    const biller = await book(t, s.p.staff.biller, booking(s, start));
    assert.equal(biller.statusCode, 403);
    const access = await auditRows(t, s.p.practiceId, 'auth.access.denied');
    assert.ok(access.some((e) => e.actor_user_id === s.p.staff.biller.userId));
    const own = await book(t, s.p.secondAssociate, {
      ...booking(s, start),
      clientId: s.otherClientId,
      clinicianId: s.p.secondAssociate.userId,
    });
    assert.equal(own.statusCode, 201, own.body);
  });
});
