import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../../testing/practice.ts';
import {
  auditRows,
  book,
  booking,
  countRows,
  errorCode,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../test-fixtures.ts';
import { Temporal } from '../time.ts';

let t: TestApp;
let s: Scheduling;
let other: StaffedPractice;
let hoursUrl = '';
let timeOffId = '';

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  other = await staffedPractice(t);
  hoursUrl = `/api/v1/clinicians/${s.p.staff.associate.userId}/hours`;
});
after(() => t.close());

const blocks = [
  { weekday: 1, start: '09:00', end: '12:00' },
  { weekday: 1, start: '13:00', end: '17:00' },
  { weekday: 2, start: '09:00', end: '17:00', effectiveFrom: '2020-01-01' },
];

describe('working hours', () => {
  test('a clinician sets their own; several blocks a day; audited', async () => {
    const r = await callAs(t, s.p.staff.associate, 'PUT', hoursUrl, { blocks });
    assert.equal(r.statusCode, 200, r.body);
    const got = r.json<{ timeZone: string; blocks: unknown[] }>();
    assert.equal(got.timeZone, s.zone);
    assert.deepEqual(got.blocks, [
      { weekday: 1, start: '09:00', end: '12:00', effectiveFrom: null, effectiveTo: null },
      { weekday: 1, start: '13:00', end: '17:00', effectiveFrom: null, effectiveTo: null },
      { weekday: 2, start: '09:00', end: '17:00', effectiveFrom: '2020-01-01', effectiveTo: null },
    ]);
    const read = await callAs(t, s.p.staff.biller, 'GET', hoursUrl);
    assert.deepEqual(read.json(), r.json());
    assert.equal((await auditRows(t, s.p.practiceId, 'availability.hours.changed')).length, 1);
  });

  test('overlapping or inverted blocks are refused and change nothing', async () => {
    for (const [bad, code] of [
      [
        [
          { weekday: 1, start: '09:00', end: '12:00' },
          { weekday: 1, start: '11:00', end: '13:00' },
        ],
        'hours_overlap',
      ],
      [[{ weekday: 1, start: '12:00', end: '09:00' }], 'invalid_hours'],
      [[{ weekday: 8, start: '09:00', end: '10:00' }], 'validation_failed'],
      [[{ weekday: 1, start: '9:00', end: '10:00' }], 'validation_failed'],
    ] as const) {
      const r = await callAs(t, s.p.staff.front_desk, 'PUT', hoursUrl, { blocks: bad });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(errorCode(r), code);
    }
    assert.equal(await countRows(t, s.p.practiceId, 'working_hours'), 3);
  });

  test('another clinician may not edit them (403, audited); the front desk may', async () => {
    const r = await callAs(t, s.p.secondAssociate, 'PUT', hoursUrl, { blocks: [] });
    assert.equal(r.statusCode, 403);
    const denied = await auditRows(t, s.p.practiceId, 'auth.access.denied');
    assert.ok(
      denied.some(
        (e) =>
          e.actor_user_id === s.p.secondAssociate.userId &&
          e.detail.permission === 'write:availability:any',
      ),
    );
    assert.equal(await countRows(t, s.p.practiceId, 'working_hours'), 3);
    const desk = await callAs(
      t,
      s.p.staff.front_desk,
      'PUT',
      `/api/v1/clinicians/${s.p.secondAssociate.userId}/hours`,
      { blocks: [] },
    );
    assert.equal(desk.statusCode, 200, desk.body);
  });
});

describe('time off and availability', () => {
  test('time off is a local range with a reason code; it counts appointments already in it', async () => {
    const monday = upcoming(s.zone, 2, 1, '09:00');
    await book(t, s.p.staff.front_desk, booking(s, upcoming(s.zone, 2, 1, '10:00')));
    const r = await callAs(
      t,
      s.p.staff.associate,
      'POST',
      `/api/v1/clinicians/${s.p.staff.associate.userId}/time-off`,
      {
        start: `${monday.slice(0, 10)}T09:00`,
        end: `${monday.slice(0, 10)}T12:00`,
        reason: 'training',
      },
    );
    assert.equal(r.statusCode, 201, r.body);
    const off = r.json<{
      id: string;
      start: string;
      localStart: string;
      overlappingAppointments: number;
    }>();
    timeOffId = off.id;
    assert.equal(off.start, new Date(monday).toISOString());
    assert.equal(off.localStart, `${monday.slice(0, 10)}T09:00`);
    assert.equal(off.overlappingAppointments, 1);
    const bad = await callAs(
      t,
      s.p.staff.associate,
      'POST',
      `/api/v1/clinicians/${s.p.staff.associate.userId}/time-off`,
      {
        start: '2027-02-30T09:00',
        end: '2027-03-01T09:00',
        reason: 'training',
      },
    );
    assert.equal(errorCode(bad), 'invalid_date_time');
    const list = await callAs(
      t,
      s.p.staff.biller,
      'GET',
      `/api/v1/clinicians/${s.p.staff.associate.userId}/time-off`,
    );
    assert.deepEqual(
      list.json<{ items: { id: string }[] }>().items.map((i) => i.id),
      [timeOffId],
    );
  });

  test('availability = hours − time off − appointments, in UTC and local time', async () => {
    const day = upcoming(s.zone, 2, 1, '00:00');
    const next = upcoming(s.zone, 2, 2, '00:00');
    const r = await callAs(
      t,
      s.p.staff.front_desk,
      'GET',
      `/api/v1/clinicians/${s.p.staff.associate.userId}/availability?from=${encodeURIComponent(day)}&to=${encodeURIComponent(next)}`,
    );
    assert.equal(r.statusCode, 200, r.body);
    const free = r.json<{ items: { start: string; localStart: string; localEnd: string }[] }>()
      .items;
    // Monday: 09-12 is time off (the 10:00 appointment inside it too), 13-17 is free.
    assert.deepEqual(
      free.map((f) => [f.localStart.slice(11), f.localEnd.slice(11)]),
      [['13:00', '17:00']],
    );
    assert.equal(
      free[0]!.start,
      Temporal.Instant.from(upcoming(s.zone, 2, 1, '13:00')).toString({
        smallestUnit: 'millisecond',
      }),
    );
    await book(t, s.p.staff.front_desk, booking(s, upcoming(s.zone, 2, 1, '14:00')));
    const again = await callAs(
      t,
      s.p.staff.front_desk,
      'GET',
      `/api/v1/clinicians/${s.p.staff.associate.userId}/availability?from=${encodeURIComponent(day)}&to=${encodeURIComponent(next)}`,
    );
    assert.deepEqual(
      again
        .json<{ items: { localStart: string; localEnd: string }[] }>()
        .items.map((f) => [f.localStart.slice(11), f.localEnd.slice(11)]),
      [
        ['13:00', '14:00'],
        ['14:50', '17:00'],
      ],
    );
  });

  test('working hours keep their wall clock across a daylight-saving change', async () => {
    const change = Temporal.Now.zonedDateTimeISO(s.zone)
      .add({ days: 1 })
      .getTimeZoneTransition('next')!;
    const before = change.toPlainDate().subtract({ days: 7 });
    const after = change.toPlainDate().add({ days: 7 });
    const weekday = before.dayOfWeek;
    await callAs(
      t,
      s.p.staff.front_desk,
      'PUT',
      `/api/v1/clinicians/${s.p.staff.supervisor.userId}/hours`,
      {
        blocks: [{ weekday, start: '09:00', end: '17:00' }],
      },
    );
    const get = async (d: Temporal.PlainDate) => {
      const from = d.toZonedDateTime(s.zone).toString({ timeZoneName: 'never' });
      const to = d.add({ days: 1 }).toZonedDateTime(s.zone).toString({ timeZoneName: 'never' });
      const r = await callAs(
        t,
        s.p.staff.front_desk,
        'GET',
        `/api/v1/clinicians/${s.p.staff.supervisor.userId}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
      return r.json<{ items: { start: string; localStart: string }[] }>().items[0]!;
    };
    const [a, b] = [await get(before), await get(after)];
    assert.equal(a.localStart.slice(11), '09:00');
    assert.equal(b.localStart.slice(11), '09:00');
    assert.notEqual(
      a.start.slice(11, 13),
      b.start.slice(11, 13),
      'the UTC hour moved with the offset',
    );
  });

  test('deleting time off: the owner or the front desk; another clinician gets 403', async () => {
    const refused = await callAs(t, s.p.secondAssociate, 'DELETE', `/api/v1/time-off/${timeOffId}`);
    assert.equal(refused.statusCode, 403);
    assert.equal(await countRows(t, s.p.practiceId, 'time_off'), 1);
    const ok = await callAs(t, s.p.staff.associate, 'DELETE', `/api/v1/time-off/${timeOffId}`);
    assert.equal(ok.statusCode, 204);
    assert.equal(await countRows(t, s.p.practiceId, 'time_off'), 0);
    assert.equal((await auditRows(t, s.p.practiceId, 'availability.time_off.deleted')).length, 1);
  });

  test('the clinicians list is for pickers: id, name, role of clinical staff only', async () => {
    const r = await callAs(t, s.p.staff.front_desk, 'GET', '/api/v1/clinicians');
    const items = r.json<{ items: { id: string; role: string }[] }>().items;
    assert.deepEqual(
      new Set(items.map((i) => i.role)),
      new Set(['admin', 'supervisor', 'associate']),
    );
    assert.equal(items.length, 4);
    assert.deepEqual(Object.keys(items[0]!).sort(), ['id', 'name', 'role']);
  });
});

describe('another practice', () => {
  test('gets 404 for clinicians, hours, time off and availability, and changes nothing', async () => {
    const admin = other.staff.admin;
    const id = s.p.staff.associate.userId;
    const range = `from=${encodeURIComponent(upcoming(s.zone, 1, 1, '00:00'))}&to=${encodeURIComponent(upcoming(s.zone, 2, 1, '00:00'))}`;
    const before = await countRows(t, s.p.practiceId, 'working_hours');
    for (const [method, url, body] of [
      ['GET', `/api/v1/clinicians/${id}/hours`, undefined],
      ['PUT', `/api/v1/clinicians/${id}/hours`, { blocks: [] }],
      ['GET', `/api/v1/clinicians/${id}/time-off`, undefined],
      [
        'POST',
        `/api/v1/clinicians/${id}/time-off`,
        { start: '2030-01-01T09:00', end: '2030-01-01T10:00', reason: 'other' },
      ],
      ['GET', `/api/v1/clinicians/${id}/availability?${range}`, undefined],
    ] as const) {
      const r = await callAs(t, admin, method, url, body);
      assert.equal(r.statusCode, 404, `${method} ${url}: ${r.body}`);
    }
    const off = await callAs(t, s.p.staff.associate, 'POST', `/api/v1/clinicians/${id}/time-off`, {
      start: '2030-01-01T09:00',
      end: '2030-01-01T10:00',
      reason: 'holiday',
    });
    assert.equal(
      (await callAs(t, admin, 'DELETE', `/api/v1/time-off/${off.json<{ id: string }>().id}`))
        .statusCode,
      404,
    );
    const locations = await callAs(t, s.p.staff.admin, 'POST', '/api/v1/locations', {
      name: 'Annex',
    });
    assert.equal(
      (await callAs(t, admin, 'DELETE', `/api/v1/locations/${locations.json<{ id: string }>().id}`))
        .statusCode,
      404,
    );
    assert.equal(await countRows(t, s.p.practiceId, 'working_hours'), before);
    assert.equal(await countRows(t, s.p.practiceId, 'time_off'), 1);
    const places = await callAs(t, admin, 'GET', '/api/v1/locations');
    assert.deepEqual(places.json<{ items: unknown[] }>().items, []);
    const theirs = await callAs(t, admin, 'GET', '/api/v1/clinicians');
    assert.ok(theirs.json<{ items: { id: string }[] }>().items.every((c) => c.id !== id));
  });
});
