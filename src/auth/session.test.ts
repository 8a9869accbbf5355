import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import { testApp, type TestApp } from '../testing/app.ts';
import {
  cookieHeader,
  cookieParts,
  getWith,
  SAME_ORIGIN,
  signUpPractice,
  type SignedUp,
} from '../testing/auth.ts';
import { PERMISSIONS } from './roles.ts';
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

interface ErrorAnswer {
  error: { code: string; message: string };
}

const codeOf = (response: LightMyRequestResponse) => response.json<ErrorAnswer>().error.code;

function me(cookie: string) {
  return getWith(t.app, '/api/v1/me', cookie);
}

function signOut(cookie: string, headers: Record<string, string> = SAME_ORIGIN) {
  return t.app.inject({
    method: 'DELETE',
    url: '/api/v1/session',
    headers: { ...headers, cookie: cookieHeader(cookie) },
  });
}

/** The stored row of the session a cookie carries. */
async function sessionRow(up: SignedUp, cookie = up.cookie) {
  const hash = hashToken(cookieParts(cookie).token);
  return t.db.withPractice(up.practiceId, (tx) =>
    tx
      .selectFrom('sessions')
      .select(['id', 'revoked_at', 'last_seen_at'])
      .where('token_hash', '=', hash)
      .executeTakeFirstOrThrow(),
  );
}

/** Runs raw SQL against one session row, inside its practice's scope. */
function alterSession(up: SignedUp, assignment: RawBuilder<unknown>) {
  const hash = hashToken(cookieParts(up.cookie).token);
  return t.db.withPractice(up.practiceId, (tx) =>
    sql`update sessions set ${assignment} where token_hash = ${hash}`.execute(tx),
  );
}

/** The response told the browser to drop the session cookie. */
function assertClearsCookie(response: LightMyRequestResponse) {
  const cleared = response.cookies.find((c) => c.name === SESSION_COOKIE);
  assert.ok(cleared, 'the response sets the session cookie');
  assert.equal(cleared.value, '');
  assert.ok(cleared.expires && cleared.expires.getTime() <= Date.now(), 'expired at once');
  // A __Host- cookie is only replaced (here: removed) by one that is Secure with Path=/.
  assert.equal(cleared.secure, true);
  assert.equal(cleared.path, '/');
}

describe('the half-session after signup (MFA required, not yet enrolled)', () => {
  let up: SignedUp;
  before(async () => {
    up = await signUpPractice(t.app);
  });

  test('GET /me works and says the session waits for MFA', async () => {
    const response = await me(up.cookie);
    assert.equal(response.statusCode, 200, response.body);
    const answer = response.json<{
      user: { id: string; role: string; email: string; name: string };
      practice: { id: string; isDemo: boolean; mfaRequired: boolean; idleTimeoutMinutes: number };
      permissions: string[];
      session: { mfaPending: boolean };
    }>();
    assert.deepEqual(answer.user, {
      id: up.userId,
      role: 'admin',
      email: up.body.email,
      name: up.body.name,
    });
    assert.equal(answer.practice.id, up.practiceId);
    assert.equal(answer.practice.isDemo, false);
    assert.equal(answer.practice.mfaRequired, true);
    assert.equal(answer.practice.idleTimeoutMinutes, 30);
    assert.ok(answer.permissions.includes('read:audit:any'));
    assert.deepEqual([...answer.permissions].sort(), [...PERMISSIONS].sort());
    assert.deepEqual(answer.session, { mfaPending: true });
  });

  test('a member-only route answers 403 mfa_required', async () => {
    const response = await getWith(t.app, '/api/v1/test/member-only', up.cookie);
    assert.equal(response.statusCode, 403);
    assert.deepEqual(response.json(), {
      error: { code: 'mfa_required', message: 'Finish signing in with your second factor first.' },
    });
  });

  test('without any cookie, both answer 401 unauthenticated', async () => {
    for (const url of ['/api/v1/me', '/api/v1/test/member-only']) {
      const response = await t.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 401, url);
      assert.equal(codeOf(response), 'unauthenticated', url);
    }
  });

  test('GET /session answers the same person as /me, and null (a 200) without a session', async () => {
    const held = await getWith(t.app, '/api/v1/session', up.cookie);
    assert.equal(held.statusCode, 200, held.body);
    assert.deepEqual(held.json(), { me: (await me(up.cookie)).json() });
    // A visitor at the sign-in page: no session is an answer, not an error the browser logs.
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/session' });
    assert.equal(none.statusCode, 200, none.body);
    assert.deepEqual(none.json(), { me: null });
  });

  test('sign-out from another site is refused and the session lives on', async () => {
    const response = await signOut(up.cookie, { 'sec-fetch-site': 'cross-site' });
    assert.equal(response.statusCode, 403);
    assert.equal(codeOf(response), 'cross_origin');
    assert.equal((await sessionRow(up)).revoked_at, null);
    assert.equal((await me(up.cookie)).statusCode, 200);
  });
});

describe('sign-out', () => {
  test('ends the session on the server: the old cookie is refused afterwards', async () => {
    const up = await signUpPractice(t.app);
    const response = await signOut(up.cookie);
    assert.equal(response.statusCode, 204, response.body);
    assertClearsCookie(response);
    const row = await sessionRow(up);
    assert.notEqual(row.revoked_at, null);
    const logout = await t.db.withPractice(up.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['actor_user_id', 'subject_type', 'subject_id', 'outcome'])
        .where('action', '=', 'auth.logout')
        .execute(),
    );
    assert.deepEqual(logout, [
      { actor_user_id: up.userId, subject_type: 'session', subject_id: row.id, outcome: 'success' },
    ]);

    // A copy of the cookie kept by an attacker (or the browser's back button) is worthless.
    const replay = await me(up.cookie);
    assert.equal(replay.statusCode, 401);
    assert.equal(codeOf(replay), 'session_expired');
    assertClearsCookie(replay);
    const again = await signOut(up.cookie);
    assert.equal(again.statusCode, 401);
  });
});

describe('the session is checked afresh on every request', () => {
  const replaceAt = (s: string, i: number) =>
    `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;

  const tampered: [string, (value: string) => string][] = [
    [
      'one character of the token changed',
      (v) => {
        const p = cookieParts(v);
        return `${p.practiceId}.${replaceAt(p.token, 10)}.${p.signature}`;
      },
    ],
    [
      'one character of the signature changed',
      (v) => {
        const p = cookieParts(v);
        return `${p.practiceId}.${p.token}.${replaceAt(p.signature, 5)}`;
      },
    ],
    ['the signature removed', (v) => v.slice(0, v.lastIndexOf('.'))],
    ['garbage', () => 'not-a-session'],
  ];
  for (const [what, tamper] of tampered) {
    test(`a cookie with ${what}: 401, and the cookie is cleared`, async () => {
      const up = await signUpPractice(t.app);
      const forged = tamper(up.cookie);
      assert.notEqual(forged, up.cookie);
      const response = await me(forged);
      assert.equal(response.statusCode, 401);
      assert.ok(['unauthenticated', 'session_expired'].includes(codeOf(response)));
      assertClearsCookie(response);
      // The genuine session was not harmed by the attempt.
      assert.equal((await me(up.cookie)).statusCode, 200);
    });
  }

  test('a correctly signed cookie for a token that does not exist: 401', async () => {
    const up = await signUpPractice(t.app);
    const token = 'A'.repeat(43);
    const response = await me(t.app.signCookie(`${up.practiceId}.${token}`));
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
    assertClearsCookie(response);
  });

  test("another practice's id beside a real token, re-signed with the app's key: 401", async () => {
    const victim = await signUpPractice(t.app);
    const other = await signUpPractice(t.app);
    const { token } = cookieParts(victim.cookie);
    // Control: re-signing the genuine value gives a working cookie, so the signer is right.
    assert.equal((await me(t.app.signCookie(`${victim.practiceId}.${token}`))).statusCode, 200);

    const forged = t.app.signCookie(`${other.practiceId}.${token}`);
    const response = await me(forged);
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
    assertClearsCookie(response);
    // Nobody's session was touched by the forged one.
    assert.equal((await sessionRow(victim)).revoked_at, null);
    assert.equal((await me(other.cookie)).statusCode, 200);
  });

  test('a user suspended in the database is cut off at the very next request', async () => {
    const up = await signUpPractice(t.app);
    assert.equal((await me(up.cookie)).statusCode, 200);
    await t.db.withPractice(up.practiceId, (tx) =>
      tx.updateTable('users').set({ status: 'suspended' }).where('id', '=', up.userId).execute(),
    );
    const response = await me(up.cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
    assertClearsCookie(response);
    assert.notEqual((await sessionRow(up)).revoked_at, null);

    // Reinstating the user does not bring the old session back.
    await t.db.withPractice(up.practiceId, (tx) =>
      tx.updateTable('users').set({ status: 'active' }).where('id', '=', up.userId).execute(),
    );
    assert.equal((await me(up.cookie)).statusCode, 401);
  });

  test('a suspended practice is cut off at the very next request', async () => {
    const up = await signUpPractice(t.app);
    assert.equal((await me(up.cookie)).statusCode, 200);
    await t.db.withPractice(up.practiceId, (tx) =>
      tx.updateTable('practices').set({ status: 'suspended' }).execute(),
    );
    const response = await me(up.cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
    assert.notEqual((await sessionRow(up)).revoked_at, null);
  });

  test('idle for 31 minutes (the default limit is 30): 401 session_expired', async () => {
    const up = await signUpPractice(t.app);
    await alterSession(up, sql`last_seen_at = now() - interval '31 minutes'`);
    const response = await me(up.cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
    assertClearsCookie(response);
    assert.notEqual((await sessionRow(up)).revoked_at, null);
  });

  test('GET /session tells of a session that just ended too: 401 session_expired', async () => {
    const up = await signUpPractice(t.app);
    await alterSession(up, sql`last_seen_at = now() - interval '31 minutes'`);
    const response = await getWith(t.app, '/api/v1/session', up.cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
    assertClearsCookie(response);
  });

  test('idle for 29 minutes: still valid, and the request counts as activity', async () => {
    const up = await signUpPractice(t.app);
    await alterSession(up, sql`last_seen_at = now() - interval '29 minutes'`);
    const response = await me(up.cookie);
    assert.equal(response.statusCode, 200, response.body);
    const { rows } = await t.db.withPractice(up.practiceId, (tx) =>
      sql<{ fresh: boolean }>`select last_seen_at > now() - interval '5 minutes' as fresh
        from sessions where token_hash = ${hashToken(cookieParts(up.cookie).token)}`.execute(tx),
    );
    assert.equal(rows[0]?.fresh, true, 'last_seen_at moved forward');
  });

  test("the practice's own idle limit applies", async () => {
    const up = await signUpPractice(t.app);
    await t.db.withPractice(up.practiceId, (tx) =>
      tx.updateTable('practices').set({ idle_timeout_minutes: 10 }).execute(),
    );
    await alterSession(up, sql`last_seen_at = now() - interval '11 minutes'`);
    const response = await me(up.cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
  });

  test('past its absolute expiry: 401, however recently it was used', async () => {
    const up = await signUpPractice(t.app);
    await alterSession(up, sql`expires_at = now() - interval '1 second', last_seen_at = now()`);
    const response = await me(up.cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
    assertClearsCookie(response);
    assert.notEqual((await sessionRow(up)).revoked_at, null);
  });

  test('a revoked session stays refused on member routes too', async () => {
    const up = await signUpPractice(t.app);
    await alterSession(up, sql`revoked_at = now()`);
    const response = await getWith(t.app, '/api/v1/test/member-only', up.cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(codeOf(response), 'session_expired');
  });
});
