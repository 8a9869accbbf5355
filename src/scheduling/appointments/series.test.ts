import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { testFieldCipher } from '../../testing/keys.ts';
import { callAs } from '../../testing/practice.ts';
import type { NewAppointment } from './appointment-schemas.ts';
import { createAppointment } from './create-appointment.ts';
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

interface Row {
  id: string;
  localStart: string;
  localEnd: string;
  status: string;
  serviceCode: string;
  seriesId: string;
  seriesRule: string | null;
  detached: boolean;
}

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
});
after(() => t.close());

async function series(weeks: number, count = 6, time = '09:00') {
  const r = await book(t, s.p.staff.front_desk, {
    ...booking(s, upcoming(s.zone, weeks, 2, time)),
    recurrence: { rrule: `FREQ=WEEKLY;BYDAY=TU;COUNT=${count}` },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string; series: { id: string; occurrences: { id: string }[] } }>();
}

/** The series' appointments, read through the calendar (two windows: a range is at most 62 days). */
async function members(seriesIds: string[]): Promise<Row[]> {
  const items: Row[] = [];
  for (const [from, to] of [
    [-3, 4],
    [4, 11],
  ] as const) {
    const q = new URLSearchParams({
      from: upcoming(s.zone, from, 1, '00:00'),
      to: upcoming(s.zone, to, 1, '00:00'),
      limit: '1000',
    });
    const r = await callAs(t, s.p.staff.admin, 'GET', `/api/v1/appointments?${q.toString()}`);
    assert.equal(r.statusCode, 200, r.body);
    items.push(...r.json<{ items: Row[] }>().items.filter((i) => seriesIds.includes(i.seriesId)));
  }
  return items.sort((a, b) => a.localStart.localeCompare(b.localStart));
}

const patch = (id: string, body: object) =>
  callAs(t, s.p.staff.front_desk, 'PATCH', `/api/v1/appointments/${id}`, body);
const times = (rows: Row[]) => rows.map((r) => r.localStart.slice(11));
const rulesOf = () =>
  t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .selectFrom('appointment_series')
      .select(['id', 'rrule', 'split_from'])
      .orderBy('created_at')
      .execute(),
  );

describe('recurring series', () => {
  test('a weekly series is six rows; one occurrence moved on its own becomes an exception', async () => {
    const created = await series(1);
    const ids = created.series.occurrences.map((o) => o.id);
    assert.equal(ids.length, 6);
    const moved = await patch(ids[1]!, { scope: 'this', start: upcoming(s.zone, 2, 2, '11:00') });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<Row>().detached, true);
    const rows = await members([created.series.id]);
    assert.deepEqual(times(rows), ['09:00', '11:00', '09:00', '09:00', '09:00', '09:00']);
    // Every occurrence carries its series' rule, the exception too; a single session none.
    assert.deepEqual(
      new Set(rows.map((r) => r.seriesRule)),
      new Set(['FREQ=WEEKLY;BYDAY=TU;COUNT=6']),
    );
    const single = await book(t, s.p.staff.front_desk, booking(s, upcoming(s.zone, 9, 3, '13:00')));
    assert.equal(single.statusCode, 201, single.body);
    assert.equal(single.json<Row>().seriesRule, null);
  });

  test('"all" rewrites every upcoming occurrence but the exception; "following" splits the series', async () => {
    const seriesId = (await rulesOf())[0]!.id;
    let rows = await members([seriesId]);
    const all = await patch(rows[0]!.id, {
      scope: 'all',
      start: upcoming(s.zone, 1, 2, '10:00'),
      serviceCode: '90837',
    });
    assert.equal(all.statusCode, 200, all.body);
    assert.equal(all.json<{ changed: number }>().changed, 5);
    rows = await members([seriesId]);
    assert.deepEqual(times(rows), ['10:00', '11:00', '10:00', '10:00', '10:00', '10:00']);
    assert.deepEqual(
      rows.map((r) => r.serviceCode),
      ['90837', '90834', '90837', '90837', '90837', '90837'],
    );
    assert.equal(rows[0]!.localEnd.slice(11), '10:50');

    const following = await patch(rows[3]!.id, {
      scope: 'following',
      start: upcoming(s.zone, 4, 2, '15:00'),
    });
    assert.equal(following.statusCode, 200, following.body);
    assert.equal(following.json<{ changed: number }>().changed, 3);
    const newSeries = following.json<Row>().seriesId;
    assert.notEqual(newSeries, seriesId);
    rows = await members([seriesId, newSeries]);
    assert.deepEqual(times(rows), ['10:00', '11:00', '10:00', '15:00', '15:00', '15:00']);
    assert.deepEqual(
      rows.map((r) => r.seriesId === newSeries),
      [false, false, false, true, true, true],
    );
    const rules = await rulesOf();
    assert.match(rules[0]!.rrule, /^FREQ=WEEKLY;BYDAY=TU;UNTIL=\d{8}T\d{6}Z$/);
    assert.deepEqual(
      [rules[1]!.rrule, rules[1]!.split_from],
      ['FREQ=WEEKLY;BYDAY=TU;COUNT=3', seriesId],
    );
    // Each half's occurrences answer with their own half's rule.
    assert.deepEqual(
      rows.map((r) => r.seriesRule),
      [...Array<string>(3).fill(rules[0]!.rrule), ...Array<string>(3).fill(rules[1]!.rrule)],
    );
    assert.equal(following.json<Row>().seriesRule, rules[1]!.rrule);
    const audit = (await auditRows(t, s.p.practiceId, 'appointment.update')).at(-1)!;
    assert.deepEqual(audit.detail, {
      scope: 'following',
      start: true,
      changed: 3,
      created: 0,
      cancelled: 0,
    });
  });

  test('"following" with a new rule moves the rest to Thursdays, adding or cancelling as the rule says', async () => {
    const newSeries = (await rulesOf())[1]!.id;
    const rows = await members([newSeries]);
    const r = await patch(rows[1]!.id, {
      scope: 'following',
      start: upcoming(s.zone, 5, 4, '15:00'),
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=3' },
    });
    assert.equal(r.statusCode, 200, r.body);
    const third = r.json<Row>().seriesId;
    const moved = await members([third]);
    assert.equal(moved.length, 3, 'two rewritten, one added');
    assert.ok(
      moved.every((m) => Temporal.PlainDate.from(m.localStart.slice(0, 10)).dayOfWeek === 4),
    );
    const shorter = await patch(moved[0]!.id, {
      scope: 'following',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=1' },
    });
    assert.equal(shorter.statusCode, 200, shorter.body);
    const left = await members([shorter.json<Row>().seriesId]);
    assert.deepEqual(
      left.map((m) => m.status),
      ['scheduled', 'cancelled', 'cancelled'],
    );
    const noDay = await patch(left[0]!.id, {
      scope: 'all',
      start: upcoming(s.zone, 5, 5, '15:00'),
    });
    assert.equal(errorCode(noDay), 'new_rule_needed');
  });

  test('cancelling "all" cancels every upcoming occurrence with the reason, not the exception', async () => {
    const created = await series(1, 3, '13:00');
    const ids = created.series.occurrences.map((o) => o.id);
    await patch(ids[2]!, { scope: 'this', serviceCode: '90837' });
    const r = await patch(ids[0]!, {
      scope: 'all',
      status: 'cancelled',
      statusReason: 'client_request',
    });
    assert.equal(r.statusCode, 200, r.body);
    const rows = await members([created.series.id]);
    assert.deepEqual(
      rows.map((m) => m.status),
      ['cancelled', 'cancelled', 'scheduled'],
    );
    const confirm = await patch(ids[2]!, { scope: 'all', status: 'confirmed' });
    assert.equal(errorCode(confirm), 'invalid_scope');
  });

  test('if any occurrence collides, nothing is booked and the 409 lists the dates', async () => {
    const clash = upcoming(s.zone, 3, 2, '17:30');
    await book(t, s.p.staff.front_desk, { ...booking(s, clash), clientId: s.otherClientId });
    const before = await countRows(t, s.p.practiceId, 'appointments');
    const seriesBefore = await countRows(t, s.p.practiceId, 'appointment_series');
    const r = await book(t, s.p.staff.front_desk, {
      ...booking(s, upcoming(s.zone, 1, 2, '17:00')),
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4' },
    });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(errorCode(r), 'slot_taken');
    const day = new Intl.DateTimeFormat('en-US', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      timeZone: s.zone,
    }).format(new Date(clash));
    assert.ok(r.json<{ error: { message: string } }>().error.message.includes(`${day}, 5:30–`));
    assert.equal(await countRows(t, s.p.practiceId, 'appointments'), before);
    assert.equal(await countRows(t, s.p.practiceId, 'appointment_series'), seriesBefore);
  });

  test('completed (and other past) occurrences are never rewritten', async () => {
    // Booked three weeks ago (the service's clock set back), so two sessions are past.
    const start = upcoming(s.zone, -2, 3, '08:00');
    const created = await createAppointment(
      { db: t.db, fields: testFieldCipher() },
      {
        userId: s.p.staff.front_desk.userId,
        practiceId: s.p.practiceId,
        role: 'front_desk',
        sessionId: randomUUID(),
        mfaPending: false,
      },
      {
        input: {
          ...booking(s, start),
          recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4' },
        } as NewAppointment,
        context: {
          actor: { type: 'user', userId: s.p.staff.front_desk.userId, role: 'front_desk' },
        },
        now: Temporal.Instant.from(start).subtract({ hours: 24 * 7 }),
      },
    );
    const ids = created.series!.occurrences.map((o) => o.id);
    const done = await patch(ids[0]!, { status: 'completed' });
    assert.equal(done.statusCode, 200, done.body);
    const past = await patch(ids[1]!, { scope: 'all', serviceCode: '90791' });
    assert.equal(errorCode(past), 'past_occurrence');
    const r = await patch(ids[2]!, { scope: 'all', serviceCode: '90791' });
    assert.equal(r.statusCode, 200, r.body);
    const rows = await members([created.series!.id]);
    assert.deepEqual(
      rows.map((m) => [m.status, m.serviceCode]),
      [
        ['completed', '90834'],
        ['scheduled', '90834'],
        ['scheduled', '90791'],
        ['scheduled', '90791'],
      ],
    );
  });
});
