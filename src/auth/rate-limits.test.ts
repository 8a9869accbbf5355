import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { seedDemo, DEMO_PASSWORD } from '../demo/seed.ts';
import { LIMITS, RateLimits } from '../platform/limits/rate-limits.ts';
import { anyAddress } from '../testing/auth.ts';

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

  test('successful sign-ins from one address are never refused: an office shares one address', async () => {
    const ip = '198.51.100.77';
    // A whole office signing in through one public address, more often than any window holds.
    const answers: number[] = [];
    for (let i = 0; i < 45; i++) {
      const email = i % 2 === 0 ? 'frontdesk@hearth-demo.test' : 'admin@hearth-demo.test';
      answers.push((await signIn(t, email, DEMO_PASSWORD, ip)).statusCode);
    }
    assert.deepEqual(new Set(answers), new Set([200]));
    // Failures from that address still spend its budget, and once spent it is refused.
    const failures: number[] = [];
    for (let i = 0; i <= LIMITS.signInFailuresPerIp.points; i++) {
      failures.push((await signIn(t, `typo-${i}@example.org`, 'not the password', ip)).statusCode);
    }
    assert.equal(failures.indexOf(429), LIMITS.signInFailuresPerIp.points, failures.join(' '));
    assert.equal((await signIn(t, 'admin@hearth-demo.test', DEMO_PASSWORD, ip)).statusCode, 429);
  });

  test('thirty accounts guessed once each from one address are slowed, known accounts or not', async () => {
    const ip = '198.51.100.31';
    const known = ['supervisor@hearth-demo.test', 'associate@hearth-demo.test'];
    const answers: number[] = [];
    for (let i = 0; i < 30; i++) {
      const email = known[i] ?? `sprayed-${i}@example.org`;
      answers.push((await signIn(t, email, `Spring2026!${i}`, ip)).statusCode);
    }
    const refusedAt = answers.indexOf(429);
    assert.ok(
      refusedAt > 0,
      `30 failed sign-ins across 30 accounts from one address were never refused: ${answers.join(' ')}`,
    );
    assert.equal(refusedAt, LIMITS.signInFailuresPerIp.points);
    assert.deepEqual(new Set(answers.slice(0, refusedAt)), new Set([401]));
    assert.deepEqual(new Set(answers.slice(refusedAt)), new Set([429]));
    // Spent, the address is refused whatever it tries, the right password included, for its
    // hour-long block (longer than an account's lockout); a known email answers as an unknown one.
    const right = await signIn(t, 'admin@hearth-demo.test', DEMO_PASSWORD, ip);
    const unknown = await signIn(t, 'nobody-at-all@example.org', 'whatever it is', ip);
    assert.equal(right.statusCode, 429);
    assert.equal(right.json<{ error: { code: string } }>().error.code, 'rate_limited');
    const retryAfter = Number(right.headers['retry-after']);
    assert.ok(
      retryAfter > LIMITS.signInFailuresPerAccount.windowSeconds,
      `Retry-After ${retryAfter}`,
    );
    assert.equal(unknown.statusCode, right.statusCode);
    assert.equal(unknown.body, right.body);
    // Another address is not affected.
    const elsewhere = await signIn(t, 'admin@hearth-demo.test', DEMO_PASSWORD, '198.51.100.32');
    assert.equal(elsewhere.statusCode, 200);
  });

  test('the spraying budget is shared by instances on one Redis', async () => {
    const ip = anyAddress();
    const a = await testApp({ limits: new RateLimits(REDIS_URL), database: t.database });
    const b = await testApp({ limits: new RateLimits(REDIS_URL), database: t.database });
    try {
      const half = Math.ceil(LIMITS.signInFailuresPerIp.points / 2);
      for (let i = 0; i < half; i++) {
        const email = (n: string) => `spray-${n}-${i}-${randomUUID()}@example.org`;
        assert.equal((await signIn(a, email('a'), 'Summer2026!', ip)).statusCode, 401);
        assert.equal((await signIn(b, email('b'), 'Summer2026!', ip)).statusCode, 401);
      }
      const next = await signIn(a, `spray-next-${randomUUID()}@example.org`, 'Autumn2026!', ip);
      assert.equal(next.statusCode, 429, "A saw B's failures");
    } finally {
      await a.close();
      await b.close();
    }
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
