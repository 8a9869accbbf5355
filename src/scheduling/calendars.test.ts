import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import {
  auditRows,
  book,
  booking,
  countRows,
  errorCode,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from './test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
let other: StaffedPractice;
let zone = '';
let firstId = '';

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  other = await staffedPractice(t);
  zone = s.zone;
  // Next week: Tuesday 9:00 and Wednesday 9:00 and 11:30 for the associate's client; in week 3
  // one for the second associate's own client.
  const bookings = [
    booking(s, upcoming(zone, 1, 2, '09:00')),
    booking(s, upcoming(zone, 1, 3, '09:00')),
    booking(s, upcoming(zone, 1, 3, '11:30')),
    {
      ...booking(s, upcoming(zone, 3, 1, '14:00')),
      clientId: s.otherClientId,
      clinicianId: s.p.secondAssociate.userId,
    },
  ];
  for (const body of bookings) {
    const r = await book(t, s.p.staff.front_desk, body);
    assert.equal(r.statusCode, 201, r.body);
    firstId ||= r.json<{ id: string }>().id;
  }
});
after(() => t.close());

const week = (weeks: number) => ({
  from: upcoming(zone, weeks, 1, '00:00'),
  to: upcoming(zone, weeks + 1, 1, '00:00'),
});
const listUrl = (q: Record<string, string>) =>
  `/api/v1/appointments?${new URLSearchParams(q).toString()}`;

describe('calendars', () => {
  test('a week is a range query; reads are audited with counts', async () => {
    const r = await callAs(t, s.p.staff.front_desk, 'GET', listUrl(week(1)));
    assert.equal(r.statusCode, 200, r.body);
    const items = r.json<{ items: { id: string; start: string }[] }>().items;
    assert.equal(items.length, 3);
    assert.deepEqual(
      items.map((i) => i.start),
      [...items.map((i) => i.start)].sort(),
    );
    const rows = await auditRows(t, s.p.practiceId, 'appointment.list');
    assert.deepEqual(rows.at(-1)!.detail, { count: 3, clients: 1, clinicianId: null });
    const mine = await callAs(
      t,
      s.p.staff.front_desk,
      'GET',
      listUrl({ ...week(1), clinicianId: s.p.secondAssociate.userId }),
    );
    assert.equal(mine.json<{ items: unknown[] }>().items.length, 0);
  });

  test('pages by cursor', async () => {
    const range = { from: upcoming(zone, 1, 1, '00:00'), to: upcoming(zone, 5, 1, '00:00') };
    const first = (
      await callAs(t, s.p.staff.admin, 'GET', listUrl({ ...range, limit: '2' }))
    ).json<{
      items: { id: string }[];
      nextCursor: string;
    }>();
    assert.equal(first.items.length, 2);
    const second = (
      await callAs(
        t,
        s.p.staff.admin,
        'GET',
        listUrl({ ...range, limit: '2', cursor: first.nextCursor }),
      )
    ).json<{ items: { id: string }[] }>();
    assert.ok(second.items.length > 0);
    assert.ok(second.items.every((i) => !first.items.some((f) => f.id === i.id)));
    const bad = await callAs(t, s.p.staff.admin, 'GET', listUrl({ ...range, cursor: 'abc' }));
    assert.equal(bad.statusCode, 400);
  });

  test('a range is required and bounded', async () => {
    assert.equal((await callAs(t, s.p.staff.admin, 'GET', '/api/v1/appointments')).statusCode, 400);
    const long = await callAs(
      t,
      s.p.staff.admin,
      'GET',
      listUrl({ from: week(1).from, to: upcoming(zone, 11, 1, '00:00') }),
    );
    assert.equal(long.statusCode, 400);
    assert.equal(errorCode(long), 'range_too_long');
    const backwards = await callAs(
      t,
      s.p.staff.admin,
      'GET',
      listUrl({ from: week(1).to, to: week(1).from }),
    );
    assert.equal(errorCode(backwards), 'invalid_range');
  });

  test('a clinician sees their own and their clients’ appointments; another’s is 403, audited', async () => {
    const theirs = await callAs(
      t,
      s.p.secondAssociate,
      'GET',
      listUrl({ from: week(1).from, to: week(5).to }),
    );
    const ids = theirs.json<{ items: { clientId: string }[] }>().items.map((i) => i.clientId);
    assert.ok(ids.length > 0);
    assert.ok(
      ids.every((id) => id === s.otherClientId),
      'only the client in their care',
    );
    const refused = await callAs(t, s.p.secondAssociate, 'GET', `/api/v1/appointments/${firstId}`);
    assert.equal(refused.statusCode, 403);
    assert.equal(errorCode(refused), 'not_your_client');
    const denied = (await auditRows(t, s.p.practiceId, 'appointment.read')).filter(
      (e) => e.outcome === 'denied',
    );
    assert.equal(denied.length, 1);
    assert.equal(denied[0]!.client_id, s.clientId);
    const ok = await callAs(t, s.p.staff.associate, 'GET', `/api/v1/appointments/${firstId}`);
    assert.equal(ok.statusCode, 200);
  });
});

describe('break-glass', () => {
  test('opens another clinician’s client’s appointment, flagged in the audit trail', async () => {
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .insertInto('break_glass_grants')
        .values({
          user_id: s.p.secondAssociate.userId,
          client_id: s.clientId,
          reason: 'Client called in crisis',
          expires_at: new Date(Date.now() + 60_000),
        })
        .execute(),
    );
    const r = await callAs(t, s.p.secondAssociate, 'GET', `/api/v1/appointments/${firstId}`);
    assert.equal(r.statusCode, 200, r.body);
    const read = (await auditRows(t, s.p.practiceId, 'appointment.read')).at(-1)!;
    assert.deepEqual(
      [read.actor_user_id, read.detail],
      [s.p.secondAssociate.userId, { breakGlass: true }],
    );
  });
});

describe('status changes', () => {
  test('confirm, then cancel with a reason; cancelled cannot become completed; reinstated', async () => {
    const url = `/api/v1/appointments/${firstId}`;
    const confirm = await callAs(t, s.p.staff.front_desk, 'PATCH', url, { status: 'confirmed' });
    assert.equal(confirm.statusCode, 200, confirm.body);
    const noReason = await callAs(t, s.p.staff.front_desk, 'PATCH', url, { status: 'cancelled' });
    assert.equal(errorCode(noReason), 'reason_required');
    const cancel = await callAs(t, s.p.staff.front_desk, 'PATCH', url, {
      status: 'cancelled',
      statusReason: 'client_request',
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(cancel.json<{ statusReason: string }>().statusReason, 'client_request');
    const complete = await callAs(t, s.p.staff.front_desk, 'PATCH', url, { status: 'completed' });
    assert.equal(complete.statusCode, 409);
    assert.equal(errorCode(complete), 'invalid_transition');
    const back = await callAs(t, s.p.staff.front_desk, 'PATCH', url, { status: 'scheduled' });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json<{ statusReason: unknown }>().statusReason, null);
    const early = await callAs(t, s.p.staff.front_desk, 'PATCH', url, {
      status: 'no_show',
      statusReason: 'no_contact',
    });
    assert.equal(errorCode(early), 'not_started');
    const updates = await auditRows(t, s.p.practiceId, 'appointment.update');
    assert.deepEqual(
      updates.map((e) => e.detail),
      [
        { scope: 'this', status: true, toStatus: 'confirmed', changed: 1 },
        { scope: 'this', status: true, statusReason: true, toStatus: 'cancelled', changed: 1 },
        { scope: 'this', status: true, toStatus: 'scheduled', changed: 1 },
      ],
    );
  });

  test('moving an appointment checks the same rules as booking it', async () => {
    const url = `/api/v1/appointments/${firstId}`;
    const start = upcoming(zone, 1, 2, '15:00');
    const moved = await callAs(t, s.p.staff.front_desk, 'PATCH', url, { start });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(
      moved.json<{ localEnd: string }>().localEnd.slice(11),
      '15:50',
      'the length is kept',
    );
    const past = await callAs(t, s.p.staff.front_desk, 'PATCH', url, {
      start: new Date(Date.now() - 3_600_000).toISOString(),
    });
    assert.equal(errorCode(past), 'in_the_past');
    const nothing = await callAs(t, s.p.staff.front_desk, 'PATCH', url, { scope: 'this' });
    assert.equal(errorCode(nothing), 'nothing_to_change');
    const notSeries = await callAs(t, s.p.staff.front_desk, 'PATCH', url, {
      scope: 'all',
      serviceCode: '90837',
    });
    assert.equal(errorCode(notSeries), 'not_a_series');
  });
});

describe('another practice', () => {
  test('gets 404 for an appointment, a booking of this practice’s client, and sees none in its calendar', async () => {
    const before = await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .selectFrom('appointments')
        .select(['status', 'start_at', 'sequence'])
        .where('id', '=', firstId)
        .executeTakeFirstOrThrow(),
    );
    const admin = other.staff.admin;
    assert.equal(
      (await callAs(t, admin, 'GET', `/api/v1/appointments/${firstId}`)).statusCode,
      404,
    );
    const patch = await callAs(t, admin, 'PATCH', `/api/v1/appointments/${firstId}`, {
      status: 'cancelled',
      statusReason: 'weather',
    });
    assert.equal(patch.statusCode, 404);
    const post = await book(t, admin, {
      ...booking(s, upcoming(zone, 4, 2, '09:00')),
      clinicianId: admin.userId,
    });
    assert.equal(post.statusCode, 404);
    const list = await callAs(t, admin, 'GET', listUrl({ from: week(1).from, to: week(6).from }));
    assert.deepEqual(list.json<{ items: unknown[] }>().items, []);
    const afterRow = await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .selectFrom('appointments')
        .select(['status', 'start_at', 'sequence'])
        .where('id', '=', firstId)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(afterRow, before);
    assert.equal(await countRows(t, other.practiceId, 'appointments'), 0);
  });
});
