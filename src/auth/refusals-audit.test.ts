import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../testing/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { SESSION_COOKIE } from './session-token.ts';

let t: TestApp;
let practiceId = '';

async function signIn(): Promise<string> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: { 'sec-fetch-site': 'same-origin' },
    payload: { email: 'admin@hearth-demo.test', password: DEMO_PASSWORD },
  });
  const c = r.cookies.find((x) => x.name === SESSION_COOKIE)!;
  return `${SESSION_COOKIE}=${encodeURIComponent(c.value)}`;
}

async function denials(): Promise<unknown[]> {
  const rows = await t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'auth.access.denied')
      .orderBy('id')
      .execute(),
  );
  return rows.map((r) => r.detail.reason);
}

before(async () => {
  t = await testApp();
  practiceId = (await seedDemo(t.db)).practiceId;
});
after(() => t.close());

describe('refused requests of a known session are audited', () => {
  test('a cross-site or origin-less unsafe request with a session cookie', async () => {
    const cookie = await signIn();
    const missing = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie },
    });
    assert.equal(missing.statusCode, 403);
    const crossSite = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    assert.equal(crossSite.statusCode, 403);
    assert.deepEqual(await denials(), ['origin_required', 'cross_origin']);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode,
      200,
      'the session survived',
    );
  });

  test('an idle session and a signed-out one', async () => {
    const idle = await signIn();
    await t.db.withPractice(practiceId, (tx) =>
      sql`update sessions set last_seen_at = now() - interval '2 hours' where revoked_at is null`.execute(
        tx,
      ),
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: idle } }))
        .statusCode,
      401,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: idle } }))
        .statusCode,
      401,
    );
    const reasons = await denials();
    assert.deepEqual(reasons.slice(-2), ['session_idle', 'session_revoked']);
  });
});
