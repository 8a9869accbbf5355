import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../testing/app.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator.ts';
import { cookieOf } from '../../testing/http.ts';
import {
  accountWithTotp,
  passwordSession,
  send,
  signUpAccount,
  TestAuthenticator,
  type Account,
} from '../../testing/mfa-account.ts';
import { LIMITS } from '../../platform/limits/rate-limits.ts';

const ORIGIN = 'https://localhost:80';
const PHONE = '+15550129876';
const NOTICE =
  /^A sign-in method \((authenticator app|text messages|passkey)\) was (added to|replaced in|removed from) your Hearth account on (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC\. If it was not you, tell your practice's administrator at once and change your password\.$/;

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const errorCode = (r: { json<T>(): T }) => r.json<{ error: { code: string } }>().error.code;

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

/** The notices emailed to the person, oldest first: [method, verb] of each. */
async function notices(account: Account): Promise<[string, string][]> {
  const rows = await t.db.withPractice(account.practiceId, (tx) =>
    tx
      .selectFrom('notification_outbox')
      .select(['subject', 'body', 'channel'])
      .where('recipient', '=', account.email)
      .orderBy('created_at')
      .execute(),
  );
  return rows.map((row) => {
    assert.equal(row.channel, 'email');
    const match = NOTICE.exec(row.body);
    assert.ok(match, row.body);
    const [, method = '', verb = '', when = ''] = match;
    assert.equal(row.subject, `A sign-in method was ${verb} your Hearth account`);
    // The time it happened, in UTC, to the minute.
    const at = Date.parse(`${when.replace(' ', 'T')}:00Z`);
    assert.ok(Math.abs(Date.now() - at) < 5 * 60_000, when);
    return [method, verb];
  });
}

/** Moves the session's password confirmation into the past. */
async function ageConfirmation(account: Account, minutes: number): Promise<void> {
  await t.db.withPractice(account.practiceId, (tx) =>
    sql`update sessions set password_confirmed_at = password_confirmed_at - make_interval(mins => ${minutes})
         where user_id = ${account.userId} and password_confirmed_at is not null`.execute(tx),
  );
}

function reauthenticate(cookie: string, password: string) {
  return send(t, 'POST', '/api/v1/session/reauthenticate', cookie, { password });
}

describe('adding or replacing a factor on a full session needs the password again', () => {
  test('a full session (the one a second factor opened) is refused every set-up step with 403 reauthentication_required', async () => {
    const account = await accountWithTotp(t);
    const steps: [string, object | undefined][] = [
      ['/api/v1/mfa/totp', undefined],
      ['/api/v1/mfa/totp/confirm', { code: '123456' }],
      ['/api/v1/mfa/sms', { phone: PHONE }],
      ['/api/v1/mfa/sms/confirm', { code: '123456' }],
      ['/api/v1/mfa/passkeys/options', undefined],
      [
        '/api/v1/mfa/passkeys',
        {
          credential: {
            id: 'x',
            rawId: 'x',
            type: 'public-key',
            response: {},
            clientExtensionResults: {},
          },
        },
      ],
    ];
    for (const [url, body] of steps) {
      const r = await send(t, 'POST', url, account.full, body);
      assert.equal(r.statusCode, 403, `${url}: ${r.body}`);
      assert.equal(errorCode(r), 'reauthentication_required', url);
      assert.match(r.json<{ error: { message: string } }>().error.message, /password/);
    }
    const refused = await t.db.withPractice(account.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'auth.mfa.enrolled')
        .where('outcome', '=', 'denied')
        .execute(),
    );
    assert.deepEqual(
      refused.map((r) => r.detail),
      [
        'totp_start',
        'totp_confirm',
        'sms_start',
        'sms_confirm',
        'passkey_options',
        'passkey_register',
      ].map((step) => ({ step, reason: 'reauthentication_required' })),
    );
    const texts = await t.db.withPractice(account.practiceId, (tx) =>
      tx.selectFrom('notification_outbox').select('id').where('channel', '=', 'sms').execute(),
    );
    assert.equal(texts.length, 0, 'no code was texted');
  });

  test('a wrong password is 400, audited, and spends the account’s sign-in failure budget', async () => {
    const account = await accountWithTotp(t);
    for (let i = 0; i < LIMITS.signInFailuresPerAccount.points; i++) {
      const r = await reauthenticate(account.full, `not the password ${i}`);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(errorCode(r), 'invalid_credentials');
    }
    const locked = await reauthenticate(account.full, account.password);
    assert.equal(locked.statusCode, 429, locked.body);
    assert.ok(Number(locked.headers['retry-after']) > 0);
    const signIn = await send(t, 'POST', '/api/v1/session', undefined, {
      email: account.email,
      password: account.password,
    });
    assert.equal(signIn.statusCode, 429, 'the same budget as signing in');
    const audited = await t.db.withPractice(account.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['action', 'outcome'])
        .where('action', 'in', ['auth.reauthenticated', 'auth.login.locked'])
        .execute(),
    );
    assert.equal(
      audited.filter((a) => a.action === 'auth.reauthenticated' && a.outcome === 'denied').length,
      LIMITS.signInFailuresPerAccount.points,
    );
    assert.equal(audited.filter((a) => a.action === 'auth.login.locked').length, 1);
    assert.equal((await send(t, 'POST', '/api/v1/mfa/totp', account.full)).statusCode, 403);
  });

  test('with the password confirmed: a phone added, the authenticator replaced, a passkey added, the phone removed — each with a notice', async () => {
    const account = await accountWithTotp(t);
    const ok = await reauthenticate(account.full, account.password);
    assert.equal(ok.statusCode, 200, ok.body);
    let cookie = account.full;

    assert.equal(
      (await send(t, 'POST', '/api/v1/mfa/sms', cookie, { phone: PHONE })).statusCode,
      202,
    );
    const sms = await send(t, 'POST', '/api/v1/mfa/sms/confirm', cookie, {
      code: await textedCode(account),
    });
    assert.equal(sms.statusCode, 200, sms.body);
    cookie = cookieOf(sms);

    const start = await send(t, 'POST', '/api/v1/mfa/totp', cookie);
    assert.equal(start.statusCode, 200, start.body);
    const replaced = new TestAuthenticator(start.json<{ secret: string }>().secret);
    const totp = await send(t, 'POST', '/api/v1/mfa/totp/confirm', cookie, {
      code: replaced.code(),
    });
    assert.equal(totp.statusCode, 200, totp.body);
    cookie = cookieOf(totp);

    const options = await send(t, 'POST', '/api/v1/mfa/passkeys/options', cookie);
    assert.equal(options.statusCode, 200, options.body);
    const passkey = await send(t, 'POST', '/api/v1/mfa/passkeys', cookie, {
      credential: new SoftwareAuthenticator().create(options.json(), ORIGIN),
    });
    assert.equal(passkey.statusCode, 200, passkey.body);
    cookie = cookieOf(passkey);

    const removed = await send(t, 'DELETE', '/api/v1/mfa/devices/sms', cookie, {
      password: account.password,
    });
    assert.equal(removed.statusCode, 204, removed.body);

    assert.deepEqual(await notices(account), [
      ['authenticator app', 'added to'],
      ['text messages', 'added to'],
      ['authenticator app', 'replaced in'],
      ['passkey', 'added to'],
      ['text messages', 'removed from'],
    ]);
    const reauthenticated = await t.db.withPractice(account.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('outcome')
        .where('action', '=', 'auth.reauthenticated')
        .execute(),
    );
    assert.deepEqual(reauthenticated, [{ outcome: 'success' }]);
  });

  test('the confirmation lasts five minutes, and the confirm step checks it again', async () => {
    const account = await accountWithTotp(t);
    assert.equal((await reauthenticate(account.full, account.password)).statusCode, 200);
    const start = await send(t, 'POST', '/api/v1/mfa/totp', account.full);
    assert.equal(start.statusCode, 200, start.body);
    const replaced = new TestAuthenticator(start.json<{ secret: string }>().secret);
    await ageConfirmation(account, 6);
    const late = await send(t, 'POST', '/api/v1/mfa/totp/confirm', account.full, {
      code: replaced.code(),
    });
    assert.equal(late.statusCode, 403, late.body);
    assert.equal(errorCode(late), 'reauthentication_required');
    assert.equal((await reauthenticate(account.full, account.password)).statusCode, 200);
    const confirm = await send(t, 'POST', '/api/v1/mfa/totp/confirm', account.full, {
      code: replaced.code(),
    });
    assert.equal(confirm.statusCode, 200, confirm.body);
  });

  test('a session signed in with the password and no second factor may add one for five minutes', async () => {
    const account = await signUpAccount(t);
    await t.db.withPractice(account.practiceId, (tx) =>
      tx
        .updateTable('practices')
        .set({ mfa_required: false })
        .where('id', '=', account.practiceId)
        .execute(),
    );
    const full = await passwordSession(t, account);
    assert.equal((await send(t, 'GET', '/api/v1/clients', full)).statusCode, 200, 'a full session');
    const start = await send(t, 'POST', '/api/v1/mfa/totp', full);
    assert.equal(start.statusCode, 200, start.body);
    await ageConfirmation(account, 6);
    assert.equal((await send(t, 'POST', '/api/v1/mfa/totp', full)).statusCode, 403);
  });

  test('a half-session cannot re-authenticate: it has a second factor to give', async () => {
    const account = await accountWithTotp(t);
    const half = await passwordSession(t, account);
    const r = await reauthenticate(half, account.password);
    assert.equal(r.statusCode, 403, r.body);
    assert.equal(errorCode(r), 'mfa_required');
  });
});
