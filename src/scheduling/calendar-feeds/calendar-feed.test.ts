import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import nodeIcal, { type VEvent } from 'node-ical';
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

let t: TestApp;
let s: Scheduling;
let other: StaffedPractice;
let feedId = '';
let path = '';
const starts: string[] = [];

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  other = await staffedPractice(t);
  // Two sessions and a cancelled one, across the next daylight-saving change if it is near.
  for (const [weeks, time] of [
    [1, '09:00'],
    [6, '09:00'],
    [2, '11:00'],
  ] as const) {
    const r = await book(
      t,
      s.p.staff.front_desk,
      booking(s, upcoming(s.zone, weeks, 2, time), 50, {
        remark: 'Rowan prefers the side door',
      }),
    );
    assert.equal(r.statusCode, 201, r.body);
    starts.push(r.json<{ id: string; start: string }>().start);
    if (time === '11:00') {
      await callAs(
        t,
        s.p.staff.front_desk,
        'PATCH',
        `/api/v1/appointments/${r.json<{ id: string }>().id}`,
        {
          status: 'cancelled',
          statusReason: 'weather',
        },
      );
    }
  }
});
after(() => t.close());

const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url });

describe('calendar feeds', () => {
  test('a clinician gets a secret URL for themselves; only its hash is stored', async () => {
    const r = await callAs(t, s.p.staff.associate, 'POST', '/api/v1/calendar-feeds', {});
    assert.equal(r.statusCode, 201, r.body);
    const feed = r.json<{ id: string; url: string; clinicianId: string }>();
    feedId = feed.id;
    assert.equal(feed.clinicianId, s.p.staff.associate.userId);
    const url = new URL(feed.url);
    path = url.pathname;
    assert.match(path, /^\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]{64}\.ics$/);
    const stored = await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .selectFrom('calendar_feeds')
        .select(['token_hash'])
        .where('id', '=', feedId)
        .executeTakeFirstOrThrow(),
    );
    assert.equal(stored.token_hash.length, 32);
    assert.ok(!path.includes(stored.token_hash.toString('base64url')));
    const mine = await callAs(t, s.p.staff.associate, 'GET', '/api/v1/calendar-feeds');
    assert.deepEqual(
      mine.json<{ items: { id: string }[] }>().items.map((i) => i.id),
      [feedId],
    );
    assert.equal(
      (await callAs(t, s.p.secondAssociate, 'GET', '/api/v1/calendar-feeds')).json<{
        items: unknown[];
      }>().items.length,
      0,
    );
  });

  test('the feed: times with TZIDs, "Client session", stable UIDs, no cancelled events, no PHI', async () => {
    const r = await fetchFeed(path);
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers['content-type']), /^text\/calendar/);
    assert.equal(r.headers['cache-control'], 'no-store');
    const body = r.body;
    // UIDs (appointment ids) and DTSTAMPs (times of day) may spell "90834" by chance.
    const withoutIdsAndStamps = body.replace(/^(UID|DTSTAMP):.*$/gm, '');
    for (const secret of ['Rowan', 'Achebe', 'side door', '90834', s.clientId]) {
      assert.ok(!withoutIdsAndStamps.includes(secret), `"${secret}" is not in the feed`);
    }
    assert.match(body, /DTSTART;TZID=America\/New_York:\d{8}T090000/);
    assert.match(body, /BEGIN:VTIMEZONE\r\nTZID:America\/New_York/);
    const events = Object.values(nodeIcal.sync.parseICS(body)).filter((v) => v?.type === 'VEVENT');
    assert.equal(events.length, 2, 'the cancelled one is left out');
    const byStart = events.map((e) => (e as VEvent).start.toISOString()).sort();
    assert.deepEqual(byStart, [starts[0], starts[1]].sort());
    for (const e of events as VEvent[]) {
      assert.equal(e.summary, 'Client session');
      assert.equal(e.location, 'Telehealth');
      assert.equal(e.start.tz, 'America/New_York');
    }
    const again = await fetchFeed(path);
    const uids = (b: string) => [...b.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]).sort();
    assert.deepEqual(uids(again.body), uids(body), 'UIDs are stable');
    const reads = await auditRows(t, s.p.practiceId, 'calendar_feed.read');
    assert.equal(reads.length, 2);
    assert.equal(reads[0]!.actor_type, 'anonymous');
    assert.equal(reads[0]!.subject_id, feedId);
    assert.equal(reads[0]!.detail.feedId, feedId);
  });

  test('an unknown token is 404 (and audited in that practice); a malformed one is 400', async () => {
    const forged = path.replace(/[A-Za-z0-9_-]{4}\.ics$/, 'AAAA.ics');
    assert.equal((await fetchFeed(forged)).statusCode, 404);
    const denied = (await auditRows(t, s.p.practiceId, 'calendar_feed.read')).filter(
      (e) => e.outcome === 'denied',
    );
    assert.deepEqual(
      denied.map((e) => e.detail),
      [{ reason: 'unknown_token' }],
    );
    assert.equal((await fetchFeed('/api/v1/calendar-feeds/short.ics')).statusCode, 400);
    assert.equal((await fetchFeed(`${path.slice(0, -4)}.txt`)).statusCode, 400);
  });

  test('only the clinician or an admin revokes; after that the URL is 404', async () => {
    const colleague = await callAs(
      t,
      s.p.secondAssociate,
      'DELETE',
      `/api/v1/calendar-feeds/${feedId}`,
    );
    assert.equal(colleague.statusCode, 403);
    assert.equal(
      (await callAs(t, other.staff.admin, 'DELETE', `/api/v1/calendar-feeds/${feedId}`)).statusCode,
      404,
    );
    assert.equal((await fetchFeed(path)).statusCode, 200);
    const r = await callAs(t, s.p.staff.associate, 'DELETE', `/api/v1/calendar-feeds/${feedId}`);
    assert.equal(r.statusCode, 204);
    assert.equal((await fetchFeed(path)).statusCode, 404);
    assert.equal((await auditRows(t, s.p.practiceId, 'calendar_feed.revoked')).length, 1);
  });

  test('an admin may issue one for any clinician; others only for themselves', async () => {
    const forOther = await callAs(t, s.p.staff.associate, 'POST', '/api/v1/calendar-feeds', {
      clinicianId: s.p.secondAssociate.userId,
    });
    assert.equal(forOther.statusCode, 403);
    const admin = await callAs(t, s.p.staff.admin, 'POST', '/api/v1/calendar-feeds', {
      clinicianId: s.p.secondAssociate.userId,
    });
    assert.equal(admin.statusCode, 201, admin.body);
    const desk = await callAs(t, s.p.staff.front_desk, 'POST', '/api/v1/calendar-feeds', {});
    assert.equal(errorCode(desk), 'no_such_clinician', 'the front desk holds no appointments');
    const outsider = await callAs(t, other.staff.admin, 'POST', '/api/v1/calendar-feeds', {
      clinicianId: s.p.staff.associate.userId,
    });
    assert.equal(outsider.statusCode, 404);
    assert.equal(await countRows(t, other.practiceId, 'calendar_feeds'), 0);
  });

  test('the practice’s IP allowlist applies to feeds too', async () => {
    const created = await callAs(t, s.p.staff.associate, 'POST', '/api/v1/calendar-feeds', {});
    const feedPath = new URL(created.json<{ url: string }>().url).pathname;
    await t.db.withPractice(s.p.practiceId, (tx) =>
      tx
        .updateTable('practices')
        .set({ ip_allowlist: ['203.0.113.0/24'] })
        .where('id', '=', s.p.practiceId)
        .execute(),
    );
    try {
      assert.equal((await fetchFeed(feedPath)).statusCode, 404);
      const denied = (await auditRows(t, s.p.practiceId, 'calendar_feed.read')).filter(
        (e) => e.outcome === 'denied',
      );
      assert.deepEqual(denied.at(-1)!.detail, { reason: 'ip_allowlist' });
    } finally {
      await t.db.withPractice(s.p.practiceId, (tx) =>
        tx
          .updateTable('practices')
          .set({ ip_allowlist: [] })
          .where('id', '=', s.p.practiceId)
          .execute(),
      );
    }
  });
});
