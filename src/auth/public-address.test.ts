import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, TEST_CONFIG, type TestApp } from '../testing/app.ts';
import { seedDemo } from '../demo/seed.ts';
import { staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { SAME_ORIGIN } from '../testing/http.ts';

// Links in emails and the same-origin check follow the configured public address only; a
// request naming another host is refused before any work (issue 14, item 2).
const PUBLIC = TEST_CONFIG.publicUrl;
let t: TestApp;
let p: StaffedPractice;
before(async () => {
  t = await testApp();
  await seedDemo(t.db);
  p = await staffedPractice(t);
});
after(() => t.close());

async function outboxBodies(subject: string): Promise<string[]> {
  const rows = await t.db.unscopedAcrossPractices(
    { job: 'test', reason: 'read the links Hearth mailed' },
    (tx) =>
      tx.selectFrom('notification_outbox').select('body').where('subject', '=', subject).execute(),
  );
  return rows.map((r) => r.body);
}

const errorCode = (r: { json<T>(): T }) => r.json<{ error: { code: string } }>().error.code;

describe('links and origins follow the public address, never the Host header', () => {
  test('the reset email links to the public address whatever Host says', async () => {
    for (const host of ['evil.example', '127.0.0.1:9443', '[::1]:8443']) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/password-reset',
        headers: { ...SAME_ORIGIN, host },
        payload: { email: 'admin@hearth-demo.test' },
      });
    }
    const bodies = await outboxBodies('Reset your Hearth password');
    assert.ok(bodies.length > 0, 'a reset message was queued');
    for (const body of bodies) {
      assert.ok(!body.includes('evil.example'), `a reset link follows the Host header:\n${body}`);
      const links = body.match(/https?:\/\/\S+/g) ?? [];
      assert.deepEqual(
        links.map((l) => l.slice(0, l.indexOf('/reset-password#'))),
        [PUBLIC],
        body,
      );
    }
  });

  test('the invitation link and the calendar feed URL use the public address too', async () => {
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...SAME_ORIGIN, cookie: p.staff.admin.cookie, host: '127.0.0.1:9443' },
      payload: { name: 'New Colleague', email: 'new-colleague@example.test', role: 'biller' },
    });
    assert.equal(invited.statusCode, 201, invited.body);
    const { inviteUrl } = invited.json<{ inviteUrl: string }>();
    assert.ok(inviteUrl.startsWith(`${PUBLIC}/accept-invitation#`), inviteUrl);
    const feed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar-feeds',
      headers: { ...SAME_ORIGIN, cookie: p.staff.associate.cookie, host: '127.0.0.1:9443' },
      payload: {},
    });
    assert.equal(feed.statusCode, 201, feed.body);
    const { url } = feed.json<{ url: string }>();
    assert.ok(url.startsWith(`${PUBLIC}/api/v1/calendar-feeds/`), url);
  });

  test('a POST with Origin and Host both naming another site is refused', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/password-reset',
      headers: { host: 'evil.example', origin: 'https://evil.example' },
      payload: { email: 'admin@hearth-demo.test' },
    });
    assert.equal(r.statusCode, 421, r.body);
    assert.equal(errorCode(r), 'misdirected_request');
  });

  test('an Origin equal to the Host is not enough: only the public address is same-origin', async () => {
    for (const host of ['127.0.0.1:9443', 'localhost:9443']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { host, origin: `https://${host}` },
        payload: { email: 'admin@hearth-demo.test', password: 'wrong, and never checked' },
      });
      assert.equal(r.statusCode, 403, `${host}: ${r.body}`);
      assert.equal(errorCode(r), 'cross_origin');
    }
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/password-reset',
      headers: { origin: PUBLIC },
      payload: { email: 'nobody@example.test' },
    });
    assert.equal(ok.statusCode, 202, ok.body);
  });

  test('a request naming a host that is neither the public one nor loopback gets 421', async () => {
    for (const host of ['evil.example', 'evil.example:80', 'localhost.evil.example', '10.0.0.8']) {
      const r = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { host, cookie: p.staff.admin.cookie },
      });
      assert.equal(r.statusCode, 421, `${host}: ${r.body}`);
      assert.equal(errorCode(r), 'misdirected_request');
      assert.match(r.json<{ error: { message: string } }>().error.message, /address/);
    }
    for (const host of ['localhost', '127.0.0.1:8443', '127.8.9.10', '[::1]:8443']) {
      const r = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { host, cookie: p.staff.admin.cookie },
      });
      assert.equal(r.statusCode, 200, `${host}: ${r.body}`);
    }
    // A load balancer's health check names the instance by its address: answered, as it does
    // no work and shows nothing.
    for (const url of ['/healthz', '/readyz']) {
      const r = await t.app.inject({ method: 'GET', url, headers: { host: '10.0.0.8:8443' } });
      assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
    }
  });
});

describe('a configured public address', () => {
  let other: TestApp;
  before(async () => {
    other = await testApp({ config: { publicUrl: 'https://hearth.example.org' } });
  });
  after(() => other.close());

  test('its host is served, with or without a port, in any case; look-alikes are not', async () => {
    for (const host of ['hearth.example.org', 'Hearth.Example.org:443', 'localhost:8443']) {
      const r = await other.app.inject({ method: 'GET', url: '/api/v1/baa', headers: { host } });
      assert.equal(r.statusCode, 200, `${host}: ${r.body}`);
    }
    for (const host of ['hearth.example.org.evil.example', 'evilhearth.example.org']) {
      const r = await other.app.inject({ method: 'GET', url: '/api/v1/baa', headers: { host } });
      assert.equal(r.statusCode, 421, `${host}: ${r.body}`);
    }
  });

  test('the origin check accepts exactly the public address', async () => {
    const send = (origin: string) =>
      other.app.inject({
        method: 'POST',
        url: '/api/v1/password-reset',
        headers: { host: 'hearth.example.org', origin },
        payload: { email: 'nobody@example.test' },
      });
    assert.equal((await send('https://hearth.example.org')).statusCode, 202);
    assert.equal((await send('https://hearth.example.org:8443')).statusCode, 403);
    assert.equal((await send('http://hearth.example.org')).statusCode, 403);
  });
});
