import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { RateLimits } from '../platform/limits/rate-limits.ts';
import type { Config } from '../server/config/load.ts';

// A stolen session could otherwise read every chart as fast as the server answers (issue 14,
// item 6): every signed-in route spends from a per-session and a per-practice budget.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type Budgets = Partial<Pick<Config, 'sessionRateLimit' | 'practiceRateLimit'>>;

async function appWith(budgets: Budgets, options: Parameters<typeof testApp>[0] = {}) {
  return testApp({ ...options, config: budgets as never });
}

const codeOf = (r: InjectResponse) => r.json<{ error?: { code: string } }>().error?.code;

async function refusals(t: TestApp, practiceId: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['actor_user_id', 'outcome', 'subject_type', 'detail'])
      .where('action', '=', 'auth.rate_limited')
      .execute(),
  );
}

describe('request budgets on signed-in routes', () => {
  let t: TestApp;
  let p: StaffedPractice;
  before(async () => {
    t = await appWith({ sessionRateLimit: 5, practiceRateLimit: 1000 });
    p = await staffedPractice(t);
  });
  after(() => t.close());

  test('a session past its budget gets 429 rate_limited with Retry-After, audited once', async () => {
    const me = p.staff.associate;
    for (let i = 0; i < 5; i++) {
      assert.equal((await callAs(t, me, 'GET', '/api/v1/me')).statusCode, 200, `request ${i + 1}`);
    }
    for (let i = 0; i < 3; i++) {
      const refused = await callAs(t, me, 'GET', '/api/v1/clients');
      assert.equal(refused.statusCode, 429, refused.body);
      assert.equal(codeOf(refused), 'rate_limited');
      const retryAfter = Number(refused.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    }
    const audited = await refusals(t, p.practiceId);
    assert.equal(audited.length, 1, 'one audit row per window, not one per refusal');
    assert.equal(audited[0]?.actor_user_id, me.userId);
    assert.equal(audited[0]?.outcome, 'denied');
    assert.deepEqual(audited[0]?.detail, { scope: 'session', limit: 5, windowSeconds: 60 });
    // Another session of the same practice has a budget of its own.
    assert.equal((await callAs(t, p.staff.biller, 'GET', '/api/v1/me')).statusCode, 200);
    // Public routes are not counted, and still answer.
    assert.equal((await callAs(t, me, 'GET', '/api/v1/baa')).statusCode, 200);
  });
});

describe('the practice budget', () => {
  let t: TestApp;
  let p: StaffedPractice;
  let q: StaffedPractice;
  before(async () => {
    t = await appWith({ sessionRateLimit: 1000, practiceRateLimit: 8 });
    p = await staffedPractice(t, 'Busy');
    q = await staffedPractice(t, 'Quiet');
  });
  after(() => t.close());

  test('covers every session of the practice together; other practices are not touched', async () => {
    for (const who of [p.staff.admin, p.staff.supervisor]) {
      for (let i = 0; i < 4; i++) {
        assert.equal((await callAs(t, who, 'GET', '/api/v1/me')).statusCode, 200);
      }
    }
    const refused = await callAs(t, p.staff.front_desk, 'GET', '/api/v1/me');
    assert.equal(refused.statusCode, 429, refused.body);
    assert.equal(codeOf(refused), 'rate_limited');
    assert.equal((await callAs(t, p.staff.admin, 'GET', '/api/v1/me')).statusCode, 429);
    const audited = await refusals(t, p.practiceId);
    assert.equal(audited.length, 1);
    assert.deepEqual(audited[0]?.detail, { scope: 'practice', limit: 8, windowSeconds: 60 });
    assert.equal((await callAs(t, q.staff.admin, 'GET', '/api/v1/me')).statusCode, 200);
  });
});

describe('budgets shared through Redis', () => {
  test('two instances on one Redis count one session together', async () => {
    const budgets = { sessionRateLimit: 40, practiceRateLimit: 100_000 };
    const a = await appWith(budgets, { limits: new RateLimits(REDIS_URL) });
    const b = await appWith(budgets, { limits: new RateLimits(REDIS_URL), database: a.database });
    try {
      await Promise.all([a.services.limits.connected(), b.services.limits.connected()]);
      const p = await staffedPractice(a);
      // The same session (one cookie) through both instances, as behind a load balancer.
      for (let i = 0; i < 20; i++) {
        assert.equal((await callAs(a, p.staff.admin, 'GET', '/api/v1/me')).statusCode, 200);
        assert.equal((await callAs(b, p.staff.admin, 'GET', '/api/v1/me')).statusCode, 200);
      }
      // Each instance counts in process and settles with Redis every few requests: the shared
      // count (40) is met within those few.
      const next: number[] = [];
      for (let i = 0; i < 4; i++) {
        next.push((await callAs(a, p.staff.admin, 'GET', '/api/v1/me')).statusCode);
      }
      assert.ok(next.includes(429), `A never saw B's requests: ${next.join(' ')}`);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
