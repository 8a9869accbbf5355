import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { seedDemo, DEMO_PASSWORD } from '../demo/seed.ts';
import { LIMITS, RateLimits } from '../platform/limits/rate-limits.ts';

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
// The machine's Redis when REDIS_URL is not set: CI and every session's machine run one.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let t: TestApp;
before(async () => {
  t = await testApp();
  await seedDemo(t.db);
});
after(() => t.close());

function signIn(app: TestApp, email: string, password: string, ip = '198.51.100.7') {
  return app.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: ip,
    headers: SAME_ORIGIN,
    payload: { email, password },
  });
}

describe('sign-in rate limits and lockout', () => {
  test(`after ${LIMITS.signInFailuresPerAccount.points} wrong passwords the account is locked, even for the right one`, async () => {
    for (let i = 0; i < LIMITS.signInFailuresPerAccount.points; i++) {
      const r = await signIn(
        t,
        'biller@hearth-demo.test',
        `wrong password number ${i}`,
        `203.0.113.${i}`,
      );
      assert.equal(r.statusCode, 401);
    }
    const locked = await signIn(t, 'biller@hearth-demo.test', DEMO_PASSWORD, '203.0.113.200');
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.json<{ error: { code: string } }>().error.code, 'rate_limited');
    const retryAfter = Number(locked.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= LIMITS.signInFailuresPerAccount.blockSeconds);
    const audited = await t.db.unscopedAcrossPractices(
      { job: 'test', reason: 'check lockout audit' },
      (tx) =>
        tx
          .selectFrom('audit_events')
          .select('action')
          .where('action', '=', 'auth.login.locked')
          .execute(),
    );
    assert.equal(audited.length, 1);
  });

  test('an unknown email is locked the same way, so lockouts reveal no accounts', async () => {
    const ghost = `ghost-${randomUUID()}@example.org`;
    for (let i = 0; i < LIMITS.signInFailuresPerAccount.points; i++) {
      assert.equal((await signIn(t, ghost, `guess ${i}`, `192.0.2.${i}`)).statusCode, 401);
    }
    assert.equal((await signIn(t, ghost, 'guess again', '192.0.2.99')).statusCode, 429);
  });

  test(`one address gets ${LIMITS.signInPerIp.points} attempts per window, whatever the accounts`, async () => {
    const ip = '198.51.100.77';
    for (let i = 0; i < LIMITS.signInPerIp.points; i++) {
      const r = await signIn(t, `someone-${i}@example.org`, 'not a real password', ip);
      assert.equal(r.statusCode, 401);
    }
    const refused = await signIn(t, 'admin@hearth-demo.test', DEMO_PASSWORD, ip);
    assert.equal(refused.statusCode, 429);
    assert.equal(
      (await signIn(t, 'admin@hearth-demo.test', DEMO_PASSWORD, '198.51.100.78')).statusCode,
      200,
    );
  });

  test('two Hearth instances on one Redis share one budget', async () => {
    const email = `shared-${randomUUID()}@example.org`;
    const a = await testApp({ limits: new RateLimits(REDIS_URL), database: t.database });
    const b = await testApp({ limits: new RateLimits(REDIS_URL), database: t.database });
    try {
      const half = LIMITS.signInFailuresPerAccount.points / 2;
      for (let i = 0; i < half; i++) {
        assert.equal((await signIn(a, email, `try ${i}`, `10.9.0.${i}`)).statusCode, 401);
        assert.equal((await signIn(b, email, `try ${i}`, `10.9.1.${i}`)).statusCode, 401);
      }
      assert.equal(
        (await signIn(a, email, 'one more', '10.9.2.1')).statusCode,
        429,
        "A saw B's failures",
      );
      assert.equal((await signIn(b, email, 'one more', '10.9.2.2')).statusCode, 429);
      // A fresh in-process instance knows nothing of them: the sharing was Redis's doing.
      const alone = await testApp({ database: t.database });
      try {
        assert.equal((await signIn(alone, email, 'fresh', '10.9.3.1')).statusCode, 401);
      } finally {
        await alone.close();
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
