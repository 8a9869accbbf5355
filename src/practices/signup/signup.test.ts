import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, TEST_CONFIG, TEST_SESSION_SECRET, type TestApp } from '../../testing/app.ts';
import {
  anyAddress,
  cookieParts,
  countAccountRows,
  GOOD_PASSWORD,
  SAME_ORIGIN,
  sessionCookieOf,
  signupBody,
  signUpPractice,
} from '../../testing/auth.ts';
import { BAA_SHA256, BAA_VERSION } from '../baa/agreement.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { SESSION_COOKIE } from '../../auth/session-token.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function postSignup(payload: unknown, headers: Record<string, string> = SAME_ORIGIN) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/signup',
    headers,
    remoteAddress: anyAddress(),
    payload: payload as object,
  });
}

function rawSetCookies(headers: Record<string, unknown>): string[] {
  const value = headers['set-cookie'];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

describe('signup', () => {
  test('creates the practice, its admin, the BAA acceptance, a session and an audit event', async () => {
    const body = signupBody({
      practiceName: 'Willow Creek Therapy',
      name: 'Jordan Reyes',
      email: 'Jordan.Reyes@Example.ORG',
      baa: { accepted: true, signature: 'Jordan A. Reyes' },
    });
    const response = await postSignup(body);
    assert.equal(response.statusCode, 201, response.body);

    const answer = response.json<{
      user: { id: string; role: string };
      practice: { id: string };
      mfaRequired: boolean;
      enrollmentRequired: boolean;
    }>();
    assert.match(answer.user.id, UUID);
    assert.match(answer.practice.id, UUID);
    assert.deepEqual(answer, {
      user: { id: answer.user.id, role: 'admin' },
      practice: { id: answer.practice.id },
      mfaRequired: false,
      enrollmentRequired: true,
    });
    const practiceId = answer.practice.id;
    const userId = answer.user.id;

    // The raw header: a __Host- cookie that scripts cannot read and other sites cannot send.
    const raw = rawSetCookies(response.headers).filter((c) => c.startsWith(`${SESSION_COOKIE}=`));
    assert.equal(raw.length, 1, `one session cookie, got ${JSON.stringify(raw)}`);
    const header = raw[0] ?? '';
    const attributes = header.split(';').map((a) => a.trim().toLowerCase());
    assert.ok(attributes.includes('httponly'), header);
    assert.ok(attributes.includes('secure'), header);
    assert.ok(attributes.includes('samesite=strict'), header);
    assert.ok(attributes.includes('path=/'), header);
    assert.ok(!attributes.some((a) => a.startsWith('domain=')), '__Host- cookies carry no Domain');
    assert.ok(attributes.includes(`max-age=${8 * 3600}`), header);

    // The value is <practice id>.<token>, then "." and the HMAC that @fastify/cookie appends.
    const value = decodeURIComponent(header.slice(SESSION_COOKIE.length + 1).split(';')[0] ?? '');
    assert.equal(value, sessionCookieOf(response));
    const parts = cookieParts(value);
    assert.equal(parts.practiceId, practiceId);
    assert.match(parts.token, /^[A-Za-z0-9_-]{43}$/);
    const expectedSignature = createHmac('sha256', TEST_SESSION_SECRET)
      .update(`${parts.practiceId}.${parts.token}`)
      .digest('base64')
      .replace(/=/g, '');
    assert.equal(parts.signature, expectedSignature);
    assert.deepEqual(t.app.unsignCookie(value), {
      valid: true,
      renew: false,
      value: `${practiceId}.${parts.token}`,
    });

    const rows = await t.db.withPractice(practiceId, async (tx) => ({
      practice: await tx
        .selectFrom('practices')
        .select(['id', 'name', 'status', 'is_demo', 'mfa_required'])
        .executeTakeFirstOrThrow(),
      users: await tx
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'status', 'password_hash'])
        .execute(),
      baa: await tx
        .selectFrom('baa_acceptances')
        .select(['version', 'text_sha256', 'signer_name', 'signer_user_id'])
        .execute(),
      sessions: await tx
        .selectFrom('sessions')
        .select(['user_id', 'token_hash', 'mfa_pending', 'revoked_at', 'expires_at', 'created_at'])
        .execute(),
      events: await tx
        .selectFrom('audit_events')
        .select(['action', 'actor_type', 'actor_user_id', 'subject_type', 'subject_id', 'outcome'])
        .select('detail')
        .execute(),
    }));
    assert.deepEqual(rows.practice, {
      id: practiceId,
      name: 'Willow Creek Therapy',
      status: 'active',
      is_demo: false,
      mfa_required: true,
    });

    assert.equal(rows.users.length, 1);
    const user = rows.users[0];
    assert.ok(user);
    assert.equal(user.id, userId);
    assert.equal(user.email, 'jordan.reyes@example.org', 'emails are stored lower-cased');
    assert.equal(user.name, 'Jordan Reyes');
    assert.equal(user.role, 'admin');
    assert.equal(user.status, 'active');
    const hash = user.password_hash ?? '';
    assert.ok(hash.startsWith('scrypt$17$8$1$'), hash.slice(0, 20));
    assert.ok(!hash.includes(GOOD_PASSWORD));
    assert.ok(!hash.includes(Buffer.from(GOOD_PASSWORD).toString('base64')));
    assert.deepEqual(await verifyPassword(GOOD_PASSWORD, hash), { ok: true, needsRehash: false });

    assert.deepEqual(rows.baa, [
      {
        version: BAA_VERSION,
        text_sha256: BAA_SHA256,
        signer_name: 'Jordan A. Reyes',
        signer_user_id: userId,
      },
    ]);
    assert.equal(BAA_VERSION, '2026-1');

    // Only the token's SHA-256 is stored; a leaked sessions table opens nothing.
    assert.equal(rows.sessions.length, 1);
    const session = rows.sessions[0];
    assert.ok(session);
    assert.equal(session.user_id, userId);
    assert.deepEqual(
      Buffer.from(session.token_hash),
      createHash('sha256').update(parts.token).digest(),
    );
    assert.equal(session.mfa_pending, true);
    assert.equal(session.revoked_at, null);
    const lifetimeHours =
      (new Date(session.expires_at).getTime() - new Date(session.created_at).getTime()) / 3_600_000;
    assert.ok(Math.abs(lifetimeHours - 8) < 0.1, `session lifetime ${lifetimeHours} h`);

    assert.deepEqual(rows.events, [
      {
        action: 'auth.signup',
        actor_type: 'user',
        actor_user_id: userId,
        subject_type: 'practice',
        subject_id: practiceId,
        outcome: 'success',
        detail: { baaVersion: BAA_VERSION },
      },
    ]);

    // Invariant 4: neither the password nor the live token reaches the logs.
    const logs = t.logs.text();
    assert.ok(logs.length > 0);
    assert.ok(!logs.includes(GOOD_PASSWORD));
    assert.ok(!logs.includes(parts.token));
  });

  test('a 128-character password is accepted', async () => {
    const password = 'violet lantern orbit marmalade 92 '.repeat(4).slice(0, 127) + 'Z';
    assert.equal([...password].length, 128);
    const { practiceId } = await signUpPractice(t.app, { password });
    const stored = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('users').select('password_hash').executeTakeFirstOrThrow(),
    );
    assert.equal((await verifyPassword(password, stored.password_hash ?? '')).ok, true);
    const truncated = `${password.slice(0, 127)}Y`;
    assert.equal((await verifyPassword(truncated, stored.password_hash ?? '')).ok, false);
  });

  type Change = (body: ReturnType<typeof signupBody>) => unknown;
  const refusals: [string, Change, string, RegExp][] = [
    [
      'the BAA not accepted',
      (b) => ({ ...b, baa: { accepted: false, signature: 'Jordan Reyes' } }),
      'validation_failed',
      /baa\.accepted/,
    ],
    [
      'the BAA missing',
      (b) => ({ ...b, baa: undefined }),
      'validation_failed',
      /missing the required field "baa"/,
    ],
    [
      'no signature',
      (b) => ({ ...b, baa: { accepted: true } }),
      'validation_failed',
      /missing the required field "signature"/,
    ],
    [
      'a blank signature',
      (b) => ({ ...b, baa: { accepted: true, signature: '   ' } }),
      'validation_failed',
      /baa\.signature/,
    ],
    [
      'a password under 15 characters',
      (b) => ({ ...b, password: 'violet lantern' }),
      'weak_password',
      /at least 15 characters/,
    ],
    [
      'a password over 128 characters',
      (b) => ({ ...b, password: `${GOOD_PASSWORD} `.repeat(4).slice(0, 129) }),
      'weak_password',
      /at most 128 characters/,
    ],
    [
      'a common password of 15 characters or more',
      (b) => ({ ...b, password: 'hd764nw5d7e1vb1' }),
      'weak_password',
      /commonly used passwords/,
    ],
    [
      'a long but guessable password',
      (b) => ({ ...b, password: 'aaaaaaaaaaaaaaaaaaaa' }),
      'weak_password',
      /easy to guess/,
    ],
    [
      'a password containing the practice name',
      (b) => ({
        ...b,
        practiceName: 'Willow Creek Therapy',
        password: 'Willow Creek Therapy plum sky 2026',
      }),
      'weak_password',
      /email address, name or practice name/,
    ],
    [
      "a password containing the email's local part",
      (b) => ({
        ...b,
        email: 'mkessler@example.org',
        password: 'mkessler orbit marmalade lantern',
      }),
      'weak_password',
      /email address, name or practice name/,
    ],
    [
      'an unknown field',
      (b) => ({ ...b, role: 'superuser' }),
      'validation_failed',
      /does not accept: "role"/,
    ],
    [
      'an unknown field inside baa',
      (b) => ({ ...b, baa: { accepted: true, signature: 'Jordan Reyes', version: '1999' } }),
      'validation_failed',
      /does not accept: "version"/,
    ],
    ['an invalid email', (b) => ({ ...b, email: 'not-an-email' }), 'validation_failed', /email/],
    [
      'a blank practice name',
      (b) => ({ ...b, practiceName: '   ' }),
      'validation_failed',
      /practiceName/,
    ],
  ];
  for (const [what, change, code, message] of refusals) {
    test(`refuses ${what} with 400, writing nothing`, async () => {
      const before = await countAccountRows(t.db);
      const response = await postSignup(change(signupBody()));
      assert.equal(response.statusCode, 400, response.body);
      const body = response.json<{ error: { code: string; message: string } }>();
      assert.deepEqual(Object.keys(body), ['error']);
      assert.equal(body.error.code, code);
      assert.match(body.error.message, message);
      assert.equal(sessionCookieOf(response), undefined);
      assert.deepEqual(await countAccountRows(t.db), before);
    });
  }

  test('the same email twice: 409 email_taken, and still one account and one practice', async () => {
    const first = await signUpPractice(t.app, { email: 'twice@example.org' });
    const before = await countAccountRows(t.db);
    const response = await postSignup(
      signupBody({ email: 'TWICE@example.org', practiceName: 'Another Practice' }),
    );
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'email_taken');
    assert.equal(sessionCookieOf(response), undefined);
    // The practice created in the same transaction is rolled back with the user.
    assert.deepEqual(await countAccountRows(t.db), before);
    const owners = await t.db.unscopedAcrossPractices(
      { job: 'test', reason: 'find every account with one email' },
      (tx) =>
        tx.selectFrom('users').select(['id']).where('email', '=', 'twice@example.org').execute(),
    );
    assert.deepEqual(owners, [{ id: first.userId }]);
  });
});

describe('unsafe requests must come from Hearth’s own pages', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['no Origin and no Sec-Fetch-Site', {}, 'origin_required'],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 'cross_origin'],
    [
      'Sec-Fetch-Site: same-site (a sibling subdomain)',
      { 'sec-fetch-site': 'same-site' },
      'cross_origin',
    ],
    ['another Origin', { origin: 'https://evil.example' }, 'cross_origin'],
    ['a look-alike Origin', { origin: `${TEST_CONFIG.publicUrl}.evil.example` }, 'cross_origin'],
    [
      'an Origin equal to the Host',
      { host: '127.0.0.1', origin: 'https://127.0.0.1' },
      'cross_origin',
    ],
  ];
  for (const [what, headers, code] of cases) {
    test(`signup with ${what}: 403 ${code}, nothing written`, async () => {
      const before = await countAccountRows(t.db);
      const response = await postSignup(signupBody(), headers);
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(response.json<{ error: { code: string } }>().error.code, code);
      assert.equal(sessionCookieOf(response), undefined);
      assert.deepEqual(await countAccountRows(t.db), before);
    });
  }

  // The router decodes %61 to "a" before matching, so these reach the signup route too; the
  // origin check must not be skipped just because the raw URL does not start with "/api/".
  for (const [what, headers, code] of [
    ['no Origin', {}, 'origin_required'],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 'cross_origin'],
  ] as const) {
    test(`signup at a percent-encoded /api path with ${what}: 403 ${code}`, async () => {
      const before = await countAccountRows(t.db);
      const response = await t.app.inject({
        method: 'POST',
        url: '/%61pi/v1/signup',
        headers,
        remoteAddress: anyAddress(),
        payload: signupBody(),
      });
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(response.json<{ error: { code: string } }>().error.code, code);
      assert.equal(sessionCookieOf(response), undefined);
      assert.deepEqual(await countAccountRows(t.db), before);
    });
  }

  test('sign-in without Origin is refused too (no login CSRF)', async () => {
    const { body } = await signUpPractice(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: anyAddress(),
      payload: { email: body.email, password: body.password },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'origin_required');
    assert.equal(sessionCookieOf(response), undefined);
  });

  test('an Origin equal to the public address is accepted', async () => {
    const response = await postSignup(signupBody(), { origin: TEST_CONFIG.publicUrl });
    assert.equal(response.statusCode, 201, response.body);
    assert.ok(sessionCookieOf(response));
  });
});
