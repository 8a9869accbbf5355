import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { testFieldCipher } from '../testing/keys.ts';
import { callAs } from '../testing/practice.ts';
import type { NewAppointment } from './appointments/appointment-schemas.ts';
import { createAppointment } from './appointments/create-appointment.ts';
import { changeAppointment } from './appointments/change-appointment.ts';
import { booking, schedulingPractice, type Scheduling } from './test-fixtures.ts';
import { Temporal } from './time.ts';

// Daylight-saving correctness. The dates the brief names (New York's change on 2026-11-01,
// Berlin's on 2027-03-28) are fixed, so those series are booked through the service with the
// clock set before them; the last test books through HTTP across whichever change comes next.

let t: TestApp;

before(async () => {
  t = await testApp();
});
after(() => t.close());

const deps = () => ({ db: t.db, fields: testFieldCipher() });
const actorOf = (s: Scheduling) => ({
  userId: s.p.staff.front_desk.userId,
  practiceId: s.p.practiceId,
  role: 'front_desk',
  sessionId: randomUUID(),
  mfaPending: false,
});
const context = (s: Scheduling) => ({
  actor: { type: 'user' as const, userId: s.p.staff.front_desk.userId, role: 'front_desk' },
});

interface Listed {
  id: string;
  start: string;
  localStart: string;
  timeZone: string;
}

async function calendar(s: Scheduling, from: string, to: string): Promise<Listed[]> {
  const r = await callAs(t, s.p.staff.admin, 'GET', `/api/v1/appointments?from=${from}&to=${to}`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ items: Listed[] }>().items;
}

async function weeklySeries(s: Scheduling, start: string, now: string) {
  return createAppointment(deps(), actorOf(s), {
    input: {
      ...booking(s, start),
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' },
    } as NewAppointment,
    context: context(s),
    now: Temporal.Instant.from(now),
  });
}

describe('daylight saving', () => {
  test('America/New_York: Tuesday 9:00 from October 2026 stays 9:00 after 2026-11-01 (13:00Z, then 14:00Z)', async () => {
    const s = await schedulingPractice(t, 'America/New_York');
    const created = await weeklySeries(s, '2026-10-20T09:00:00-04:00', '2026-10-01T12:00:00Z');
    assert.deepEqual(
      created.series!.occurrences.map((o) => o.start),
      [
        '2026-10-20T13:00:00.000Z',
        '2026-10-27T13:00:00.000Z',
        '2026-11-03T14:00:00.000Z',
        '2026-11-10T14:00:00.000Z',
      ],
    );
    const listed = await calendar(s, '2026-10-19T00:00:00Z', '2026-11-16T00:00:00Z');
    assert.deepEqual(
      listed.map((a) => a.localStart),
      ['2026-10-20T09:00', '2026-10-27T09:00', '2026-11-03T09:00', '2026-11-10T09:00'],
    );
  });

  test('Europe/Berlin: across 2027-03-28 (08:00Z, then 07:00Z)', async () => {
    const s = await schedulingPractice(t, 'Europe/Berlin');
    const created = await weeklySeries(s, '2027-03-16T09:00:00+01:00', '2027-03-01T12:00:00Z');
    assert.deepEqual(
      created.series!.occurrences.map((o) => [o.start, o.localStart]),
      [
        ['2027-03-16T08:00:00.000Z', '2027-03-16T09:00'],
        ['2027-03-23T08:00:00.000Z', '2027-03-23T09:00'],
        ['2027-03-30T07:00:00.000Z', '2027-03-30T09:00'],
        ['2027-04-06T07:00:00.000Z', '2027-04-06T09:00'],
      ],
    );
  });

  test('a series keeps its zone’s wall clock when read from elsewhere, and when edited after the practice moves zone', async () => {
    const s = await schedulingPractice(t, 'America/New_York');
    const created = await weeklySeries(s, '2026-10-20T09:00:00-04:00', '2026-10-01T12:00:00Z');
    const before = await calendar(s, '2026-10-19T00:00:00Z', '2026-11-16T00:00:00Z');
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo'; // a server (or a reader) in another zone
    try {
      const moved = await callAs(t, s.p.staff.admin, 'PATCH', '/api/v1/practice', {
        timeZone: 'Europe/Berlin',
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.deepEqual(await calendar(s, '2026-10-19T00:00:00Z', '2026-11-16T00:00:00Z'), before);
      assert.ok(
        before.every((a) => a.timeZone === 'America/New_York' && a.localStart.endsWith('T09:00')),
      );
      // Scope "all" moves every occurrence to 10:00 New York time, on both sides of the change.
      const changed = await changeAppointment(deps(), actorOf(s), {
        id: created.id,
        patch: { scope: 'all', start: '2026-10-20T10:00:00-04:00' },
        context: context(s),
        now: Temporal.Instant.from('2026-10-01T12:00:00Z'),
      });
      assert.equal(changed.changed, 4);
      const after = await calendar(s, '2026-10-19T00:00:00Z', '2026-11-16T00:00:00Z');
      assert.deepEqual(
        after.map((a) => [a.start, a.localStart]),
        [
          ['2026-10-20T14:00:00.000Z', '2026-10-20T10:00'],
          ['2026-10-27T14:00:00.000Z', '2026-10-27T10:00'],
          ['2026-11-03T15:00:00.000Z', '2026-11-03T10:00'],
          ['2026-11-10T15:00:00.000Z', '2026-11-10T10:00'],
        ],
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test('through HTTP, across the next change in New York: the wall clock holds and the offset moves', async () => {
    const s = await schedulingPractice(t, 'America/New_York');
    const next = Temporal.Now.zonedDateTimeISO('America/New_York')
      .add({ days: 14 })
      .getTimeZoneTransition('next')!;
    // The Tuesday two weeks before the change, at 9:00; four weekly sessions straddle it.
    const day = next.toPlainDate().subtract({ days: 14 });
    const tuesday = day.subtract({ days: (day.dayOfWeek - 2 + 7) % 7 });
    const first = tuesday
      .toPlainDateTime(Temporal.PlainTime.from('09:00'))
      .toZonedDateTime('America/New_York');
    const r = await callAs(t, s.p.staff.front_desk, 'POST', '/api/v1/appointments', {
      ...booking(s, first.toString({ timeZoneName: 'never' })),
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' },
    });
    assert.equal(r.statusCode, 201, r.body);
    const occ = r.json<{ series: { occurrences: { start: string; localStart: string }[] } }>()
      .series.occurrences;
    assert.ok(occ.every((o) => o.localStart.endsWith('T09:00')));
    const hoursUtc = occ.map((o) => new Date(o.start).getUTCHours());
    assert.equal(new Set(hoursUtc).size, 2, `the UTC hour changes once: ${hoursUtc.join(',')}`);
  });
});
