import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { anyAddress, signupBody } from '../testing/auth.ts';
import { SAME_ORIGIN } from '../testing/http.ts';

let t: TestApp;
let p: StaffedPractice;

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
});
after(() => t.close());

const settings = async () =>
  (await callAs(t, p.staff.admin, 'GET', '/api/v1/practice')).json<{
    timeZone: string;
    cosignAssociateNotes: boolean;
    documentSizeLimitBytes: number;
  }>();

describe('practice settings for scheduling, notes and documents', () => {
  test('defaults: New York time, associates co-signed, 100 MB documents', async () => {
    const { timeZone, cosignAssociateNotes, documentSizeLimitBytes } = await settings();
    assert.deepEqual(
      { timeZone, cosignAssociateNotes, documentSizeLimitBytes },
      {
        timeZone: 'America/New_York',
        cosignAssociateNotes: true,
        documentSizeLimitBytes: 104_857_600,
      },
    );
  });

  test('an admin changes them; the change is audited', async () => {
    const r = await callAs(t, p.staff.admin, 'PATCH', '/api/v1/practice', {
      timeZone: 'Europe/Berlin',
      cosignAssociateNotes: false,
      documentSizeLimitBytes: 2_147_483_648,
    });
    assert.equal(r.statusCode, 200, r.body);
    const now = await settings();
    assert.equal(now.timeZone, 'Europe/Berlin');
    assert.equal(now.cosignAssociateNotes, false);
    assert.equal(now.documentSizeLimitBytes, 2_147_483_648);
    // Every member's /me carries the zone, so each screen shows the practice's time.
    const me = await callAs(t, p.staff.front_desk, 'GET', '/api/v1/me');
    assert.equal(me.json<{ practice: { timeZone: string } }>().practice.timeZone, 'Europe/Berlin');
    // And the staff list says who may use break-glass.
    await callAs(t, p.staff.admin, 'PATCH', `/api/v1/users/${p.staff.associate.userId}`, {
      emergencyAccess: true,
    });
    const staff = await callAs(t, p.staff.admin, 'GET', '/api/v1/users');
    const granted = staff
      .json<{ items: { id: string; emergencyAccess: boolean }[] }>()
      .items.filter((u) => u.emergencyAccess)
      .map((u) => u.id);
    assert.deepEqual(granted, [p.staff.associate.userId]);
    const rows = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'practice.settings.changed')
        .execute(),
    );
    assert.deepEqual(rows.at(-1)?.detail, {
      timeZone: true,
      cosignAssociateNotes: true,
      documentSizeLimitBytes: true,
    });
  });

  test('an unknown time zone or an out-of-range size is refused and changes nothing', async () => {
    const before = await settings();
    const zone = await callAs(t, p.staff.admin, 'PATCH', '/api/v1/practice', {
      timeZone: 'Mars/Olympus_Mons',
    });
    assert.equal(zone.statusCode, 400);
    assert.equal(zone.json().error.code, 'invalid_time_zone');
    const size = await callAs(t, p.staff.admin, 'PATCH', '/api/v1/practice', {
      documentSizeLimitBytes: 10,
    });
    assert.equal(size.statusCode, 400);
    assert.deepEqual(await settings(), before);
  });

  test('sign-up may name the time zone; a bad one is refused before anything is created', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      headers: SAME_ORIGIN,
      remoteAddress: anyAddress(),
      payload: { ...signupBody(), timeZone: 'Nowhere/Town' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'invalid_time_zone');
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      headers: SAME_ORIGIN,
      remoteAddress: anyAddress(),
      payload: { ...signupBody(), timeZone: 'America/Denver' },
    });
    assert.equal(good.statusCode, 201, good.body);
    const practiceId = good.json<{ practice: { id: string } }>().practice.id;
    const zone = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('practices').select('time_zone').executeTakeFirstOrThrow(),
    );
    assert.equal(zone.time_zone, 'America/Denver');
  });
});
