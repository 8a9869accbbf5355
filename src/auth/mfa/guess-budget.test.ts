import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { cookieOf } from '../../testing/http.ts';
import {
  accountWithTotp,
  passwordSession,
  send,
  signUpAccount,
  TestAuthenticator,
  type Account,
} from '../../testing/mfa-account.ts';
import { LIMITS, RateLimits } from '../../platform/limits/rate-limits.ts';
import { MFA_MAX_FAILURES } from './service.ts';
import { wrongTotpCode } from './totp.ts';

// With REDIS_URL (the PostgreSQL + Redis run) the budget lives in Redis, as in production.
const REDIS_URL = process.env.REDIS_URL;
const BUDGET = LIMITS.mfaFailuresPerUser.points;

let t: TestApp;
before(async () => {
  t = await testApp(REDIS_URL ? { limits: new RateLimits(REDIS_URL) } : {});
});
after(() => t.close());

const wrong = (a: TestAuthenticator) => ({ code: wrongTotpCode(a.secret) });

async function failedCodes(account: Account): Promise<number> {
  const rows = await t.db.withPractice(account.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'auth.mfa.failed')
      .where('actor_user_id', '=', account.userId)
      .execute(),
  );
  return rows.length;
}

async function alertsOf(account: Account) {
  return t.db.withPractice(account.practiceId, (tx) =>
    tx
      .selectFrom('alerts')
      .select(['kind', 'severity', 'message', 'detail'])
      .where('kind', '=', 'mfa_lockout')
      .execute(),
  );
}

describe('second-factor guesses are limited per account, across sessions', () => {
  test(`${MFA_MAX_FAILURES} wrong codes, sign in again, ${MFA_MAX_FAILURES} more, sign in again: even the right code gets 429 with Retry-After`, async () => {
    const account = await accountWithTotp(t);
    for (let round = 0; round < BUDGET / MFA_MAX_FAILURES; round++) {
      const half = await passwordSession(t, account);
      for (let i = 0; i < MFA_MAX_FAILURES; i++) {
        const r = await send(t, 'POST', '/api/v1/session/mfa', half, wrong(account.authenticator));
        assert.equal(r.statusCode, 401, r.body);
      }
      assert.equal((await send(t, 'GET', '/api/v1/me', half)).statusCode, 401, 'session ended');
    }
    const half = await passwordSession(t, account);
    const refused = await send(t, 'POST', '/api/v1/session/mfa', half, {
      code: account.authenticator.code(),
    });
    assert.equal(refused.statusCode, 429, refused.body);
    assert.equal(refused.json<{ error: { code: string } }>().error.code, 'rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(
      retryAfter > 0 && retryAfter <= LIMITS.mfaFailuresPerUser.blockSeconds,
      `${retryAfter}`,
    );
    assert.equal((await send(t, 'GET', '/api/v1/clients', half)).statusCode, 403, 'still half');
  });

  test('many wrong codes sent at once try no more codes than the budget allows', async () => {
    const account = await accountWithTotp(t);
    // Three half-sessions, each sending its guesses at the same moment from many addresses.
    const sessions = await Promise.all([1, 2, 3].map(() => passwordSession(t, account)));
    const answers = await Promise.all(
      sessions.flatMap((half) =>
        Array.from({ length: 8 }, () =>
          send(t, 'POST', '/api/v1/session/mfa', half, wrong(account.authenticator)),
        ),
      ),
    );
    const tried = await failedCodes(account);
    assert.ok(tried <= BUDGET, `${tried} codes were tried; the budget is ${BUDGET}`);
    assert.ok(
      answers.some((r) => r.statusCode === 429),
      answers.map((r) => r.statusCode).join(),
    );
  });

  test(`one half-session tries at most ${MFA_MAX_FAILURES} codes, even sent at once`, async () => {
    const account = await accountWithTotp(t);
    const half = await passwordSession(t, account);
    await Promise.all(
      Array.from({ length: 8 }, () =>
        send(t, 'POST', '/api/v1/session/mfa', half, wrong(account.authenticator)),
      ),
    );
    const tried = await failedCodes(account);
    assert.ok(tried <= MFA_MAX_FAILURES, `${tried} codes were tried in one session`);
  });

  test('wrong codes while setting up an authenticator or a phone spend the same budget', async () => {
    const { half } = await signUpAccount(t);
    const start = await send(t, 'POST', '/api/v1/mfa/totp', half);
    assert.equal(start.statusCode, 200, start.body);
    const authenticator = new TestAuthenticator(start.json<{ secret: string }>().secret);
    for (let i = 0; i < BUDGET; i++) {
      const r = await send(t, 'POST', '/api/v1/mfa/totp/confirm', half, wrong(authenticator));
      assert.equal(r.statusCode, 400, r.body);
    }
    const refused = await send(t, 'POST', '/api/v1/mfa/totp/confirm', half, {
      code: authenticator.code(),
    });
    assert.equal(refused.statusCode, 429, refused.body);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    const sms = await send(t, 'POST', '/api/v1/mfa/sms/confirm', half, { code: '123456' });
    assert.equal(sms.statusCode, 429, sms.body);
  });

  test('the lockout raises one PHI-free alert for the privacy officer', async () => {
    const account = await accountWithTotp(t);
    await t.db.withPractice(account.practiceId, (tx) =>
      tx
        .updateTable('practices')
        .set({ privacy_officer_email: 'privacy@example.org' })
        .where('id', '=', account.practiceId)
        .execute(),
    );
    for (let round = 0; round < BUDGET / MFA_MAX_FAILURES; round++) {
      const half = await passwordSession(t, account);
      for (let i = 0; i < MFA_MAX_FAILURES; i++) {
        await send(t, 'POST', '/api/v1/session/mfa', half, wrong(account.authenticator));
      }
      if (round === 0) assert.deepEqual(await alertsOf(account), [], 'no alert before the lockout');
    }
    // Refused attempts during the lockout raise no more alerts.
    for (let i = 0; i < 3; i++) {
      const half = await passwordSession(t, account);
      const r = await send(t, 'POST', '/api/v1/session/mfa', half, wrong(account.authenticator));
      assert.equal(r.statusCode, 429);
    }
    const alerts = await alertsOf(account);
    assert.equal(alerts.length, 1, JSON.stringify(alerts));
    assert.equal(alerts[0]!.severity, 'warning');
    assert.deepEqual(alerts[0]!.detail, { userId: account.userId });
    assert.match(alerts[0]!.message, /wrong second-factor codes/);
    const mail = await t.db.withPractice(account.practiceId, (tx) =>
      tx
        .selectFrom('notification_outbox')
        .select(['subject', 'body'])
        .where('recipient', '=', 'privacy@example.org')
        // Ten refusals in five minutes also raise the general denied_burst alert.
        .where('subject', '=', 'Hearth security alert: mfa lockout')
        .execute(),
    );
    assert.equal(mail.length, 1);
    // Ids only: neither the person's email nor their name, nor the practice's.
    for (const text of [mail[0]!.body, alerts[0]!.message]) {
      assert.ok(!text.includes(account.email), text);
      assert.ok(!text.includes('Jordan'), text);
      assert.ok(!text.includes('Practice'), text);
    }
    const locked = await t.db.withPractice(account.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['subject_type', 'detail'])
        .where('action', '=', 'auth.login.locked')
        .where('subject_type', '=', 'user')
        .execute(),
    );
    assert.equal(locked.length, 1);
  });
});

describe('with Redis, the budget is one for every Hearth process', () => {
  test('guesses through one instance count at another', async () => {
    const redis = REDIS_URL ?? 'redis://127.0.0.1:6379';
    // Two instances behind one load balancer: one database, one keyring, one Redis.
    const instance = () =>
      testApp({
        database: t.database,
        services: { ...t.services, limits: new RateLimits(redis) },
      });
    const a = await instance();
    const b = await instance();
    try {
      const account = await accountWithTotp(a);
      for (const app of [a, b]) {
        const half = await passwordSession(app, account);
        for (let i = 0; i < MFA_MAX_FAILURES; i++) {
          const r = await send(
            app,
            'POST',
            '/api/v1/session/mfa',
            half,
            wrong(account.authenticator),
          );
          assert.equal(r.statusCode, 401, r.body);
        }
      }
      const half = await passwordSession(a, account);
      const refused = await send(a, 'POST', '/api/v1/session/mfa', half, {
        code: account.authenticator.code(),
      });
      assert.equal(refused.statusCode, 429, `A saw B's wrong codes: ${refused.body}`);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('second factors that succeed spend no budget of their address', () => {
  test(`an office behind one address finishes more than ${LIMITS.mfaPerIp.points} sign-ins in a window`, async () => {
    const ip = '198.51.100.140';
    // Recovery codes: ten successes per account, without waiting for new authenticator steps.
    const codes: { account: Account; code: string }[] = [];
    while (codes.length <= LIMITS.mfaPerIp.points + 5) {
      const { half, ...account } = await signUpAccount(t);
      const start = await send(t, 'POST', '/api/v1/mfa/totp', half);
      const authenticator = new TestAuthenticator(start.json<{ secret: string }>().secret);
      const confirm = await send(t, 'POST', '/api/v1/mfa/totp/confirm', half, {
        code: authenticator.code(),
      });
      assert.equal(confirm.statusCode, 200, confirm.body);
      for (const code of confirm.json<{ recoveryCodes: string[] }>().recoveryCodes)
        codes.push({ account, code });
    }
    const answers: number[] = [];
    for (const { account, code } of codes) {
      const { email, password } = account;
      const signedIn = await send(t, 'POST', '/api/v1/session', undefined, { email, password }, ip);
      assert.equal(signedIn.statusCode, 200, signedIn.body);
      const half = cookieOf(signedIn);
      answers.push((await send(t, 'POST', '/api/v1/session/mfa', half, { code }, ip)).statusCode);
    }
    assert.deepEqual(new Set(answers), new Set([200]));
  });
});
