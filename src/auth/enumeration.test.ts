import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { seedDemo } from '../demo/seed.ts';
import { DUMMY_HASH_PROMISE, SCRYPT } from './passwords.ts';

// Timing itself is measured by `npm run bench -- sign-in` (tests never time things); here the
// two paths are shown to answer alike and to do the same password work.
let t: TestApp;
before(async () => {
  t = await testApp();
  await seedDemo(t.db);
});
after(() => t.close());

function attempt(email: string, ip: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: ip,
    headers: { 'sec-fetch-site': 'same-origin' },
    payload: { email, password: 'definitely not the password' },
  });
}

describe('no account enumeration at sign-in', () => {
  test('a known and an unknown email get the same status, body and headers', async () => {
    const known = await attempt('admin@hearth-demo.test', '192.0.2.1');
    const unknown = await attempt('nobody-here@hearth-demo.test', '192.0.2.2');
    assert.equal(known.statusCode, 401);
    assert.equal(unknown.statusCode, known.statusCode);
    assert.equal(unknown.body, known.body);
    const strip = (h: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(h).filter(([name]) => name !== 'date'));
    assert.deepEqual(strip(unknown.headers), strip(known.headers));
  });

  test('an unknown email is checked against a dummy hash of the current cost, so the scrypt work is the same', async () => {
    const dummy = await DUMMY_HASH_PROMISE;
    assert.ok(dummy.startsWith(`scrypt$${SCRYPT.log2N}$${SCRYPT.r}$${SCRYPT.p}$`));
    const stored = await t.db.unscopedAcrossPractices(
      { job: 'test', reason: 'compare hash cost' },
      (tx) =>
        tx
          .selectFrom('users')
          .select('password_hash')
          .where('email', '=', 'admin@hearth-demo.test')
          .executeTakeFirstOrThrow(),
    );
    assert.equal(
      stored.password_hash?.split('$').slice(0, 4).join('$'),
      dummy.split('$').slice(0, 4).join('$'),
    );
  });
});
