import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { cookieOf } from '../../testing/http.ts';
import { totpCode, wrongTotpCode } from './totp.ts';
import { MFA_MAX_FAILURES } from './service.ts';
import { hashRecoveryCode } from './recovery-codes.ts';

let t: TestApp;
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const EMAIL = 'mfa-owner@example.org';
const PASSWORD = 'violet lantern orbit marmalade 92';
let secret = '';
let recoveryCodes: string[] = [];
let confirmationCode = '';
let practiceId = '';

function call(method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { ...SAME_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function signIn(): Promise<{ cookie: string; mfaRequired: boolean }> {
  const response = await call('POST', '/api/v1/session', undefined, {
    email: EMAIL,
    password: PASSWORD,
  });
  assert.equal(response.statusCode, 200, response.body);
  return {
    cookie: cookieOf(response),
    mfaRequired: response.json<{ mfaRequired: boolean }>().mfaRequired,
  };
}

before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('TOTP enrolment and sign-in', () => {
  let halfSession = '';

  test('a new practice requires MFA: the signup session can only enrol', async () => {
    const signup = await call('POST', '/api/v1/signup', undefined, {
      practiceName: 'Quiet Harbour Therapy',
      name: 'Morgan Lee',
      email: EMAIL,
      password: PASSWORD,
      baa: { accepted: true, signature: 'Morgan Lee' },
    });
    assert.equal(signup.statusCode, 201, signup.body);
    assert.equal(signup.json<{ enrollmentRequired: boolean }>().enrollmentRequired, true);
    practiceId = signup.json<{ practice: { id: string } }>().practice.id;
    halfSession = cookieOf(signup);
    const refused = await call('GET', '/api/v1/audit-events', halfSession);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json<{ error: { code: string } }>().error.code, 'mfa_required');
  });

  test('enrolment gives a secret, an otpauth URI and a QR code; the secret is stored encrypted', async () => {
    const response = await call('POST', '/api/v1/mfa/totp', halfSession);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<{ secret: string; uri: string; qrCode: string }>();
    secret = body.secret;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match(body.uri, /^otpauth:\/\/totp\/Hearth:mfa-owner%40example\.org\?.*secret=/);
    assert.match(body.qrCode, /^data:image\/png;base64,/);
    const stored = await t.db.withPractice(practiceId, (tx) =>
      tx
        .selectFrom('users')
        .select(['totp_pending_secret', 'totp_secret'])
        .executeTakeFirstOrThrow(),
    );
    assert.match(stored.totp_pending_secret ?? '', /^hf1\./);
    assert.ok(!stored.totp_pending_secret?.includes(secret));
    assert.equal(stored.totp_secret, null);
  });

  test('a wrong code does not confirm; the right one does, with ten recovery codes and a new session token', async () => {
    const wrong = await call('POST', '/api/v1/mfa/totp/confirm', halfSession, {
      code: wrongTotpCode(secret),
    });
    assert.equal(wrong.statusCode, 400);
    confirmationCode = totpCode(secret);
    const right = await call('POST', '/api/v1/mfa/totp/confirm', halfSession, {
      code: confirmationCode,
    });
    assert.equal(right.statusCode, 200, right.body);
    recoveryCodes = right.json<{ recoveryCodes: string[] }>().recoveryCodes;
    assert.equal(recoveryCodes.length, 10);
    assert.equal(new Set(recoveryCodes).size, 10);
    const full = cookieOf(right);
    assert.notEqual(full, halfSession);
    assert.equal((await call('GET', '/api/v1/audit-events', full)).statusCode, 200);
    assert.equal(
      (await call('GET', '/api/v1/me', halfSession)).statusCode,
      401,
      'the pre-MFA token is dead',
    );
    const hashes = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('mfa_recovery_codes').select('code_hash').execute(),
    );
    // Stored as hashes of exactly the codes shown, never the codes themselves.
    const stored = hashes.map((h) => Buffer.from(h.code_hash).toString('hex')).sort();
    assert.deepEqual(stored, recoveryCodes.map((c) => hashRecoveryCode(c).toString('hex')).sort());
    assert.ok(stored.every((h) => h.length === 64));
  });

  test('signing in now asks for the code; the code just used is refused (single use), the next one works', async () => {
    const { cookie, mfaRequired } = await signIn();
    assert.equal(mfaRequired, true);
    assert.equal((await call('GET', '/api/v1/audit-events', cookie)).statusCode, 403);
    const replay = await call('POST', '/api/v1/session/mfa', cookie, { code: confirmationCode });
    assert.equal(replay.statusCode, 401, 'the step used at confirmation cannot be used again');
    const next = await call('POST', '/api/v1/session/mfa', cookie, {
      code: totpCode(secret, Date.now() + 30_000),
    });
    assert.equal(next.statusCode, 200, next.body);
    const full = cookieOf(next);
    assert.notEqual(full, cookie);
    assert.equal((await call('GET', '/api/v1/audit-events', full)).statusCode, 200);
  });

  test('a recovery code works once', async () => {
    const first = await signIn();
    const code = recoveryCodes[3]!;
    assert.equal(
      (await call('POST', '/api/v1/session/mfa', first.cookie, { code })).statusCode,
      200,
    );
    const second = await signIn();
    const again = await call('POST', '/api/v1/session/mfa', second.cookie, { code });
    assert.equal(again.statusCode, 401);
  });

  test(`after ${MFA_MAX_FAILURES} wrong codes the half-session is ended and the lockout audited`, async () => {
    const { cookie } = await signIn();
    let last;
    for (let i = 0; i < MFA_MAX_FAILURES; i++) {
      const code = wrongTotpCode(secret);
      last = await call('POST', '/api/v1/session/mfa', cookie, { code });
    }
    assert.equal(last?.statusCode, 401);
    assert.equal(last?.json<{ error: { code: string } }>().error.code, 'too_many_attempts');
    assert.equal((await call('GET', '/api/v1/me', cookie)).statusCode, 401);
    const locked = await t.db.withPractice(practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', 'auth.login.locked')
        .execute(),
    );
    assert.equal(locked.length, 1);
  });

  test('a half-session of an enrolled user cannot replace the authenticator', async () => {
    const { cookie } = await signIn();
    const response = await call('POST', '/api/v1/mfa/totp', cookie);
    assert.equal(response.statusCode, 409);
  });
});
