import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import {
  anyAddress,
  cookieHeader,
  cookieParts,
  countAccountRows,
  getWith,
  SAME_ORIGIN,
  sessionCookieOf,
  signIn,
  signInRequest,
  signUpPractice,
} from '../testing/auth.ts';
import { verifyPassword } from './passwords.ts';
import { hashToken, SESSION_COOKIE } from './session-token.ts';

let t: TestApp;
before(async () => {
  t = await testApp({
    // A route with no declared access: on /api/v1 that means members with a full session.
    extend: (app) => {
      app.get(
        '/api/v1/test/member-only',
        { config: { permission: 'signed-in' } },
        async (request) => ({ userId: request.actor?.userId }),
      );
    },
  });
});
after(() => t.close());

interface SessionAnswer {
  user: { id: string; role: string };
  practice: { id: string };
  mfaRequired: boolean;
  enrollmentRequired: boolean;
}

interface ErrorAnswer {
  error: { code: string; message: string };
}

function sessionsOf(practiceId: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx.selectFrom('sessions').select(['token_hash', 'mfa_pending', 'revoked_at']).execute(),
  );
}

function auditOf(practiceId: string, action: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['actor_type', 'actor_user_id', 'outcome', 'detail'])
      .where('action', '=', action)
      .execute(),
  );
}

describe('sign-in', () => {
  test('the right password: 200 and a new session token (no session fixation)', async () => {
    const up = await signUpPractice(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: anyAddress(),
      // The browser still holds the signup session; sign-in must not reuse its token.
      headers: { ...SAME_ORIGIN, cookie: cookieHeader(up.cookie) },
      payload: { email: up.body.email, password: up.body.password },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json<SessionAnswer>(), {
      user: { id: up.userId, role: 'admin' },
      practice: { id: up.practiceId },
      mfaRequired: false,
      // MFA is required by default and nobody has enrolled yet.
      enrollmentRequired: true,
    });
    const cookie = sessionCookieOf(response);
    assert.ok(cookie);
    const fresh = cookieParts(cookie);
    const old = cookieParts(up.cookie);
    assert.equal(fresh.practiceId, up.practiceId);
    assert.notEqual(fresh.token, old.token);
    assert.notEqual(fresh.signature, old.signature);

    const sessions = await sessionsOf(up.practiceId);
    assert.equal(sessions.length, 2);
    const mine = sessions.find((s) => Buffer.from(s.token_hash).equals(hashToken(fresh.token)));
    assert.ok(mine, 'the new token is stored (as its hash)');
    assert.equal(mine.mfa_pending, true);
    assert.equal(mine.revoked_at, null);

    const succeeded = await auditOf(up.practiceId, 'auth.login.succeeded');
    assert.deepEqual(succeeded, [
      { actor_type: 'user', actor_user_id: up.userId, outcome: 'success', detail: {} },
    ]);
  });

  test('email matching ignores case', async () => {
    const up = await signUpPractice(t.app, { email: 'casey.morgan@example.org' });
    const response = await signInRequest(t.app, 'Casey.MORGAN@Example.Org', up.body.password);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<SessionAnswer>().user.id, up.userId);
    assert.ok(sessionCookieOf(response));
  });

  test('a wrong password: 401 invalid_credentials, audited as denied in that practice', async () => {
    const up = await signUpPractice(t.app);
    const sessionsBefore = (await sessionsOf(up.practiceId)).length;
    const response = await signInRequest(t.app, up.body.email, `${up.body.password}!`);
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json<ErrorAnswer>(), {
      error: { code: 'invalid_credentials', message: 'The email or password is not correct.' },
    });
    assert.equal(sessionCookieOf(response), undefined);
    assert.equal((await sessionsOf(up.practiceId)).length, sessionsBefore);
    assert.deepEqual(await auditOf(up.practiceId, 'auth.login.failed'), [
      {
        actor_type: 'user',
        actor_user_id: up.userId,
        outcome: 'denied',
        detail: { reason: 'password' },
      },
    ]);
    assert.deepEqual(await auditOf(up.practiceId, 'auth.login.succeeded'), []);
  });

  test('an unknown email gets exactly the wrong-password answer, and nothing is written', async () => {
    const up = await signUpPractice(t.app);
    const wrong = await signInRequest(t.app, up.body.email, 'not the password at all, no');
    const before = await countAccountRows(t.db);
    const unknown = await signInRequest(t.app, 'nobody-here@example.org', up.body.password);
    assert.equal(unknown.statusCode, wrong.statusCode);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(unknown.json(), wrong.json());
    assert.equal(sessionCookieOf(unknown), undefined);
    assert.deepEqual(await countAccountRows(t.db), before);
  });

  test('signing in while holding an ended session sets the new cookie, not a clearing one', async () => {
    const up = await signUpPractice(t.app);
    const hash = hashToken(cookieParts(up.cookie).token);
    await t.db.withPractice(up.practiceId, (tx) =>
      tx
        .updateTable('sessions')
        .set({ revoked_at: new Date() })
        .where('token_hash', '=', hash)
        .execute(),
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: anyAddress(),
      headers: { ...SAME_ORIGIN, cookie: cookieHeader(up.cookie) },
      payload: { email: up.body.email, password: up.body.password },
    });
    assert.equal(response.statusCode, 200, response.body);
    const sessionCookies = response.cookies.filter((c) => c.name === SESSION_COOKIE);
    assert.equal(sessionCookies.length, 1);
    const cookie = sessionCookieOf(response);
    assert.ok(cookie, 'the one session cookie set is the new session');
    assert.equal((await getWith(t.app, '/api/v1/me', cookie)).statusCode, 200);
  });

  test('ten wrong passwords for one account raise one alert for the practice', async () => {
    const up = await signUpPractice(t.app);
    for (let i = 0; i < 10; i++) {
      const response = await signInRequest(t.app, up.body.email, `wrong guess number ${i} ok`);
      assert.equal(response.statusCode, 401);
    }
    const alerts = await t.db.withPractice(up.practiceId, (tx) =>
      tx.selectFrom('alerts').select(['kind', 'detail']).execute(),
    );
    assert.deepEqual(alerts, [{ kind: 'denied_burst', detail: { userId: up.userId } }]);
  });

  test('a suspended user with the right password gets no session', async () => {
    const up = await signUpPractice(t.app);
    await t.db.withPractice(up.practiceId, (tx) =>
      tx.updateTable('users').set({ status: 'suspended' }).where('id', '=', up.userId).execute(),
    );
    const sessionsBefore = (await sessionsOf(up.practiceId)).length;
    const response = await signInRequest(t.app, up.body.email, up.body.password);
    assert.equal(response.statusCode, 403, response.body);
    assert.equal(response.json<ErrorAnswer>().error.code, 'account_suspended');
    assert.equal(sessionCookieOf(response), undefined);
    assert.equal((await sessionsOf(up.practiceId)).length, sessionsBefore);
    const failed = await auditOf(up.practiceId, 'auth.login.failed');
    assert.deepEqual(
      failed.map((e) => e.detail),
      [{ reason: 'suspended' }],
    );
  });

  test('a practice without required MFA gets a full session: member routes work', async () => {
    const up = await signUpPractice(t.app);
    await t.db.withPractice(up.practiceId, (tx) =>
      tx.updateTable('practices').set({ mfa_required: false }).execute(),
    );
    const response = await signInRequest(t.app, up.body.email, up.body.password);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json<SessionAnswer>().enrollmentRequired, false);
    const cookie = sessionCookieOf(response) ?? '';

    const member = await getWith(t.app, '/api/v1/test/member-only', cookie);
    assert.equal(member.statusCode, 200, member.body);
    assert.deepEqual(member.json(), { userId: up.userId });
    const me = await getWith(t.app, '/api/v1/me', cookie);
    assert.equal(me.json<{ session: { mfaPending: boolean } }>().session.mfaPending, false);

    // The signup session of the same user is still a half-session.
    const half = await getWith(t.app, '/api/v1/test/member-only', up.cookie);
    assert.equal(half.statusCode, 403);
    assert.equal(half.json<ErrorAnswer>().error.code, 'mfa_required');
  });

  test('a demo practice skips MFA enforcement', async () => {
    const up = await signUpPractice(t.app);
    await t.db.withPractice(up.practiceId, (tx) =>
      tx.updateTable('practices').set({ is_demo: true }).execute(),
    );
    const cookie = await signIn(t.app, up.body.email, up.body.password);
    const member = await getWith(t.app, '/api/v1/test/member-only', cookie);
    assert.equal(member.statusCode, 200, member.body);
  });

  test('a hash with weaker scrypt parameters is replaced at sign-in', async () => {
    const up = await signUpPractice(t.app);
    const salt = randomBytes(16);
    const weak = scryptSync(up.body.password.normalize('NFKC'), salt, 32, {
      N: 2 ** 14,
      r: 8,
      p: 1,
    });
    const legacy = ['scrypt', 14, 8, 1, salt.toString('base64'), weak.toString('base64')].join('$');
    assert.deepEqual(await verifyPassword(up.body.password, legacy), {
      ok: true,
      needsRehash: true,
    });
    await t.db.withPractice(up.practiceId, (tx) =>
      tx.updateTable('users').set({ password_hash: legacy }).where('id', '=', up.userId).execute(),
    );

    // A wrong password does not trigger the upgrade.
    const wrong = await signInRequest(t.app, up.body.email, 'definitely not the password');
    assert.equal(wrong.statusCode, 401);
    const storedHash = () =>
      t.db.withPractice(up.practiceId, async (tx) => {
        const row = await tx
          .selectFrom('users')
          .select('password_hash')
          .where('id', '=', up.userId)
          .executeTakeFirstOrThrow();
        return row.password_hash ?? '';
      });
    assert.equal(await storedHash(), legacy);

    await signIn(t.app, up.body.email, up.body.password);
    const upgraded = await storedHash();
    assert.notEqual(upgraded, legacy);
    assert.ok(upgraded.startsWith('scrypt$17$8$1$'), upgraded.slice(0, 20));
    assert.deepEqual(await verifyPassword(up.body.password, upgraded), {
      ok: true,
      needsRehash: false,
    });
    // And the upgraded hash still signs in.
    await signIn(t.app, up.body.email, up.body.password);
  });
});
