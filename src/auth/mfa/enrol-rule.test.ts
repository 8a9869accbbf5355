import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator.ts';
import { cookieOf } from '../../testing/http.ts';
import {
  enrolTotp,
  passwordSession,
  send,
  signUpAccount,
  TestAuthenticator,
  type Account,
} from '../../testing/mfa-account.ts';

// inject() talks to "localhost:80"; the relying party follows the request's host.
const ORIGIN = 'https://localhost:80';
const PHONE = '+15550173344';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

/** The code in the newest text to this practice, read before delivery erases it. */
async function textedCode(account: Account): Promise<string> {
  const row = await t.db.withPractice(account.practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select('body')
      .where('channel', '=', 'sms')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow(),
  );
  return /\b(\d{6})\b/.exec(row.body)?.[1] ?? '';
}

async function enrolSms(account: Account, half: string): Promise<string> {
  const start = await send(t, 'POST', '/api/v1/mfa/sms', half, { phone: PHONE });
  assert.equal(start.statusCode, 202, start.body);
  const confirm = await send(t, 'POST', '/api/v1/mfa/sms/confirm', half, {
    code: await textedCode(account),
  });
  assert.equal(confirm.statusCode, 200, confirm.body);
  return cookieOf(confirm);
}

async function enrolPasskey(half: string): Promise<string> {
  const options = await send(t, 'POST', '/api/v1/mfa/passkeys/options', half);
  assert.equal(options.statusCode, 200, options.body);
  const register = await send(t, 'POST', '/api/v1/mfa/passkeys', half, {
    credential: new SoftwareAuthenticator().create(options.json(), ORIGIN),
  });
  assert.equal(register.statusCode, 200, register.body);
  return cookieOf(register);
}

async function factors(account: Account) {
  return t.db.withPractice(account.practiceId, async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['totp_enabled_at', 'sms_enabled_at'])
      .where('id', '=', account.userId)
      .executeTakeFirstOrThrow();
    const passkeys = await tx.selectFrom('webauthn_credentials').select('id').execute();
    return { totp: !!user.totp_enabled_at, sms: !!user.sms_enabled_at, passkeys: passkeys.length };
  });
}

async function refusals(account: Account): Promise<unknown[]> {
  const rows = await t.db.withPractice(account.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'auth.mfa.enrolled')
      .where('outcome', '=', 'denied')
      .orderBy('occurred_at')
      .execute(),
  );
  return rows.map((r) => r.detail);
}

function assertRefused(r: { statusCode: number; body: string; json<T>(): T }, what: string) {
  assert.equal(r.statusCode, 409, `${what}: ${r.body}`);
  assert.equal(r.json<{ error: { code: string } }>().error.code, 'mfa_enrolled', what);
}

describe('a password alone enrols no second factor when the account has one', () => {
  test('an SMS-only account: a new half-session cannot start an authenticator app or a passkey', async () => {
    const { half, ...account } = await signUpAccount(t);
    await enrolSms(account, half);
    const pending = await passwordSession(t, account);
    assertRefused(await send(t, 'POST', '/api/v1/mfa/totp', pending), 'TOTP start');
    assertRefused(await send(t, 'POST', '/api/v1/mfa/passkeys/options', pending), 'passkey');
    assertRefused(
      await send(t, 'POST', '/api/v1/mfa/totp/confirm', pending, { code: '123456' }),
      'TOTP confirm',
    );
    assert.deepEqual(await factors(account), { totp: false, sms: true, passkeys: 0 });
    assert.equal((await send(t, 'GET', '/api/v1/clients', pending)).statusCode, 403, 'still half');
  });

  test('a passkey-only account: a new half-session cannot start an authenticator app or a phone', async () => {
    const { half, ...account } = await signUpAccount(t);
    await enrolPasskey(half);
    const pending = await passwordSession(t, account);
    assertRefused(await send(t, 'POST', '/api/v1/mfa/totp', pending), 'TOTP start');
    assertRefused(await send(t, 'POST', '/api/v1/mfa/sms', pending, { phone: PHONE }), 'SMS start');
    assertRefused(
      await send(t, 'POST', '/api/v1/mfa/sms/confirm', pending, { code: '123456' }),
      'SMS confirm',
    );
    assert.deepEqual(await factors(account), { totp: false, sms: false, passkeys: 1 });
    const texts = await t.db.withPractice(account.practiceId, (tx) =>
      tx.selectFrom('notification_outbox').select('id').where('channel', '=', 'sms').execute(),
    );
    assert.equal(texts.length, 0, 'no code was texted');
    // Every refusal is in the audit trail, with the step it stopped.
    assert.deepEqual(await refusals(account), [
      { step: 'totp_start', reason: 'factor_exists' },
      { step: 'sms_start', reason: 'factor_exists' },
      { step: 'sms_confirm', reason: 'factor_exists' },
    ]);
  });

  test('an authenticator-only account: a new half-session cannot start a phone or a passkey', async () => {
    const { half, ...account } = await signUpAccount(t);
    await enrolTotp(t, half);
    const pending = await passwordSession(t, account);
    assertRefused(await send(t, 'POST', '/api/v1/mfa/sms', pending, { phone: PHONE }), 'SMS start');
    assertRefused(await send(t, 'POST', '/api/v1/mfa/passkeys/options', pending), 'passkey');
    assertRefused(await send(t, 'POST', '/api/v1/mfa/totp', pending), 'TOTP start');
    assert.deepEqual(await factors(account), { totp: true, sms: false, passkeys: 0 });
  });
});

describe('every confirm step checks again: a factor added meanwhile by another session wins', () => {
  test('authenticator app: started with none, a phone added elsewhere, the confirmation is refused', async () => {
    const { half, ...account } = await signUpAccount(t);
    const other = await passwordSession(t, account);
    const start = await send(t, 'POST', '/api/v1/mfa/totp', half);
    assert.equal(start.statusCode, 200, start.body);
    const authenticator = new TestAuthenticator(start.json<{ secret: string }>().secret);
    await enrolSms(account, other);
    const confirm = await send(t, 'POST', '/api/v1/mfa/totp/confirm', half, {
      code: authenticator.code(),
    });
    assertRefused(confirm, 'TOTP confirm');
    assert.deepEqual(await factors(account), { totp: false, sms: true, passkeys: 0 });
    assert.equal((await send(t, 'GET', '/api/v1/clients', half)).statusCode, 403, 'still half');
  });

  test('phone: started with none, an authenticator added elsewhere, the confirmation is refused', async () => {
    const { half, ...account } = await signUpAccount(t);
    const other = await passwordSession(t, account);
    const start = await send(t, 'POST', '/api/v1/mfa/sms', half, { phone: PHONE });
    assert.equal(start.statusCode, 202, start.body);
    const code = await textedCode(account);
    await enrolTotp(t, other);
    assertRefused(await send(t, 'POST', '/api/v1/mfa/sms/confirm', half, { code }), 'SMS confirm');
    assert.deepEqual(await factors(account), { totp: true, sms: false, passkeys: 0 });
  });

  test('passkey: options given with none, a phone added elsewhere, the registration is refused', async () => {
    const { half, ...account } = await signUpAccount(t);
    const other = await passwordSession(t, account);
    const options = await send(t, 'POST', '/api/v1/mfa/passkeys/options', half);
    assert.equal(options.statusCode, 200, options.body);
    await enrolSms(account, other);
    const register = await send(t, 'POST', '/api/v1/mfa/passkeys', half, {
      credential: new SoftwareAuthenticator().create(options.json(), ORIGIN),
    });
    assertRefused(register, 'passkey registration');
    assert.deepEqual(await factors(account), { totp: false, sms: true, passkeys: 0 });
    assert.deepEqual(await refusals(account), [
      { step: 'passkey_register', reason: 'factor_exists' },
    ]);
  });
});
