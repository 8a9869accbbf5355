import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { SoftwareAuthenticator } from '../../testing/authenticator.ts';
import { cookieOf } from '../../testing/http.ts';

// inject() talks to "localhost:80"; the relying party follows the request's host.
const ORIGIN = 'https://localhost:80';
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const PASSWORD = 'hazel compass ember willow';
let t: TestApp;
let practiceId = '';
const authenticator = new SoftwareAuthenticator();
let recoveryCodes: string[] = [];

function call(method: 'GET' | 'POST', url: string, cookie?: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { ...SAME_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function signIn(): Promise<string> {
  const r = await call('POST', '/api/v1/session', undefined, {
    email: 'kai@willow.test',
    password: PASSWORD,
  });
  assert.equal(r.statusCode, 200, r.body);
  return cookieOf(r);
}

before(async () => {
  t = await testApp();
});
after(() => t.close());

describe('passkeys (WebAuthn) as a second factor', () => {
  test('enrolment: options, then the credential; a tampered one is refused', async () => {
    const signup = await call('POST', '/api/v1/signup', undefined, {
      practiceName: 'Willow Wellness',
      name: 'Kai Willow',
      email: 'kai@willow.test',
      password: PASSWORD,
      baa: { accepted: true, signature: 'Kai Willow' },
    });
    practiceId = signup.json<{ practice: { id: string } }>().practice.id;
    const half = cookieOf(signup);
    const options = await call('POST', '/api/v1/mfa/passkeys/options', half);
    assert.equal(options.statusCode, 200, options.body);
    const opts = options.json<{
      challenge: string;
      rp: { id: string; name: string };
      user: { name: string };
    }>();
    assert.equal(opts.rp.id, 'localhost');
    assert.equal(opts.user.name, 'kai@willow.test');

    const forged = authenticator.create(opts, 'https://evil.test');
    const refused = await call('POST', '/api/v1/mfa/passkeys', half, { credential: forged });
    assert.equal(refused.statusCode, 400, 'wrong origin');
    // The challenge was spent by that attempt: ask again.
    const fresh = (await call('POST', '/api/v1/mfa/passkeys/options', half)).json<{
      challenge: string;
      rp: { id: string };
    }>();
    const ok = await call('POST', '/api/v1/mfa/passkeys', half, {
      credential: authenticator.create(fresh, ORIGIN),
      name: 'Laptop',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    recoveryCodes = ok.json<{ recoveryCodes: string[] }>().recoveryCodes;
    assert.equal(recoveryCodes.length, 10);
    const me = await call('GET', '/api/v1/me', cookieOf(ok));
    assert.deepEqual(me.json<{ mfa: unknown }>().mfa, { totp: false, sms: false, passkey: true });
  });

  test('sign-in with the passkey; a replayed assertion and a wrong key are refused', async () => {
    const pending = await signIn();
    assert.equal((await call('GET', '/api/v1/clients', pending)).statusCode, 403);
    const options = (await call('POST', '/api/v1/session/mfa/passkey/options', pending)).json<{
      challenge: string;
      rpId: string;
    }>();
    const assertion = authenticator.get(options, ORIGIN);
    const ok = await call('POST', '/api/v1/session/mfa/passkey', pending, {
      credential: assertion,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await call('GET', '/api/v1/clients', cookieOf(ok))).statusCode, 200);

    const again = await signIn();
    await call('POST', '/api/v1/session/mfa/passkey/options', again);
    const replay = await call('POST', '/api/v1/session/mfa/passkey', again, {
      credential: assertion,
    });
    assert.equal(replay.statusCode, 401, 'old challenge, old counter');

    const stranger = new SoftwareAuthenticator();
    const third = await signIn();
    const opts = (await call('POST', '/api/v1/session/mfa/passkey/options', third)).json<{
      challenge: string;
      rpId: string;
    }>();
    const wrongKey = await call('POST', '/api/v1/session/mfa/passkey', third, {
      credential: stranger.get(opts, ORIGIN),
    });
    assert.equal(wrongKey.statusCode, 401);
    const stored = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('webauthn_credentials').select(['counter', 'name']).execute(),
    );
    assert.deepEqual(stored, [{ counter: '1', name: 'Laptop' }]);
  });

  test('with the passkey lost, a recovery code still completes sign-in; a six-digit code is refused', async () => {
    const pending = await signIn();
    const digits = await call('POST', '/api/v1/session/mfa', pending, { code: '123456' });
    assert.equal(digits.statusCode, 409, digits.body);
    assert.equal(digits.json<{ error: { code: string } }>().error.code, 'mfa_not_enrolled');
    const ok = await call('POST', '/api/v1/session/mfa', pending, { code: recoveryCodes[0] });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await call('GET', '/api/v1/clients', cookieOf(ok))).statusCode, 200);
  });
});
