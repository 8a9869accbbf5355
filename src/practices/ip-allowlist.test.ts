import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { cookieOf } from '../testing/http.ts';
import { addressInList, clientAddress, parseCidr } from '../platform/http/client-address.ts';

let t: TestApp;
let practiceId: string;
const OFFICE = '203.0.113.10';
const HOME = '198.51.100.20';
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

function call(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  ip: string,
  cookie?: string,
  payload?: object,
) {
  return t.app.inject({
    method,
    url,
    remoteAddress: ip,
    headers: { ...SAME_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function signIn(email: string, ip: string) {
  return call('POST', '/api/v1/session', ip, undefined, { email, password: DEMO_PASSWORD });
}

before(async () => {
  t = await testApp();
  practiceId = (await seedDemo(t.db)).practiceId;
});
after(() => t.close());

describe('practice IP allowlist', () => {
  test('CIDR parsing and matching, IPv4-mapped IPv6 included', () => {
    assert.deepEqual(parseCidr('203.0.113.0/24'), {
      address: '203.0.113.0',
      prefix: 24,
      family: 'ipv4',
    });
    assert.equal(parseCidr('2001:db8::/129'), undefined);
    assert.equal(parseCidr('not an ip'), undefined);
    assert.equal(clientAddress('::ffff:203.0.113.10'), '203.0.113.10');
    assert.equal(addressInList('::ffff:203.0.113.10', ['203.0.113.0/24']), true);
    assert.equal(addressInList('2001:db8::5', ['2001:db8::/32']), true);
    assert.equal(addressInList(HOME, ['203.0.113.0/24']), false);
  });

  test('an admin sees their current address, cannot save a list without it, and bad entries are refused', async () => {
    const admin = cookieOf(await signIn('admin@hearth-demo.test', OFFICE));
    const settings = await call('GET', '/api/v1/practice', OFFICE, admin);
    assert.equal(settings.json<{ currentAddress: string }>().currentAddress, OFFICE);
    const lockout = await call('PATCH', '/api/v1/practice', OFFICE, admin, {
      ipAllowlist: ['198.51.100.0/24'],
    });
    assert.equal(lockout.statusCode, 400);
    assert.equal(lockout.json<{ error: { code: string } }>().error.code, 'allowlist_excludes_you');
    const bad = await call('PATCH', '/api/v1/practice', OFFICE, admin, {
      ipAllowlist: ['203.0.113.0/24', '10.0.0.0/99'],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ error: { code: string } }>().error.code, 'invalid_ip_allowlist');
    const unchanged = await call('GET', '/api/v1/practice', OFFICE, admin);
    assert.deepEqual(
      unchanged.json<{ ipAllowlist: string[] }>().ipAllowlist,
      [],
      'refused lists changed nothing',
    );
    const saved = await call('PATCH', '/api/v1/practice', OFFICE, admin, {
      ipAllowlist: ['203.0.113.0/24'],
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json<{ ipAllowlist: string[] }>().ipAllowlist, ['203.0.113.0/24']);
  });

  test('enforced at sign-in and on every request of an existing session', async () => {
    const fromHome = await signIn('associate@hearth-demo.test', HOME);
    assert.equal(fromHome.statusCode, 403);
    assert.equal(fromHome.json<{ error: { code: string } }>().error.code, 'address_not_allowed');
    const atOffice = await signIn('associate@hearth-demo.test', OFFICE);
    assert.equal(atOffice.statusCode, 200);
    const cookie = cookieOf(atOffice);
    assert.equal((await call('GET', '/api/v1/me', OFFICE, cookie)).statusCode, 200);
    const roaming = await call('GET', '/api/v1/me', HOME, cookie);
    assert.equal(roaming.statusCode, 403);
    assert.equal(
      (await call('GET', '/api/v1/me', OFFICE, cookie)).statusCode,
      200,
      'back at the office',
    );
    const audited = await t.db.withPractice(practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('action')
        .where('action', '=', 'practice.ip_allowlist.changed')
        .execute(),
    );
    assert.equal(audited.length, 1);
  });

  test('an empty list lets any address in again', async () => {
    const admin = cookieOf(await signIn('admin@hearth-demo.test', OFFICE));
    assert.equal(
      (await call('PATCH', '/api/v1/practice', OFFICE, admin, { ipAllowlist: [] })).statusCode,
      200,
    );
    assert.equal((await signIn('associate@hearth-demo.test', HOME)).statusCode, 200);
  });
});
