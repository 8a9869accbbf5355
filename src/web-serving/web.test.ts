import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { registerErrorHandling } from '../platform/http/error-handler.ts';
import { registerSecurityHeaders } from '../platform/http/security-headers.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { testApp, type TestApp } from '../testing/app.ts';
import { webRoutes } from './routes.ts';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

/** A fixture build: what Vite writes, in miniature. */
function fixtureDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'assets', 'index-abc123.js.map'), '{}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'secret.env'), 'NOPE=1');
  return dir;
}

describe('serving the browser application', () => {
  let dist: string;
  let app: HearthApp;
  before(async () => {
    dist = fixtureDist();
    app = Fastify() as unknown as HearthApp;
    registerErrorHandling(app, 1024, async () => {});
    await registerSecurityHeaders(app);
    await app.register(webRoutes({ distDir: dist }));
    await app.ready();
  });
  after(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  test('index.html for the root and for client-side routes, no-store, under the strict CSP', async () => {
    for (const url of ['/', '/clients/8d6f', '/reset-password', '/admin/audit?action=x']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body, INDEX, url);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self'(;|$)/);
    }
  });

  test('hashed assets: their content type and a year-long immutable cache', async () => {
    const js = await app.inject('/assets/index-abc123.js');
    assert.equal(js.statusCode, 200);
    assert.equal(js.body, 'console.log(1)');
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    const css = await app.inject('/assets/index-abc123.css');
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  });

  test('a missing asset is a 404, never index.html', async () => {
    for (const url of [
      '/assets/index-gone.js',
      '/assets/index-abc123.js.map',
      '/assets/../secret.env',
      '/assets/%2e%2e/secret.env',
      '/assets/..%2fsecret.env',
    ]) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'not_found', url);
      assert.doesNotMatch(res.body, /NOPE/);
    }
  });

  test('files at the build root are served; unknown types and missing ones are 404', async () => {
    const icon = await app.inject('/favicon.svg');
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['content-type'], 'image/svg+xml');
    assert.equal(icon.headers['cache-control'], 'no-store');
    assert.equal((await app.inject('/secret.env')).statusCode, 404);
    assert.equal((await app.inject('/missing.png')).statusCode, 404);
  });

  test('/api/ paths and health checks never fall back to the application', async () => {
    for (const url of ['/api/v1/nothing-here', '/api', '/api/']) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.equal(res.json().error.code, 'not_found');
    }
  });

  test('without a build, a page says how to build it', async () => {
    const bare = Fastify() as unknown as HearthApp;
    registerErrorHandling(bare, 1024, async () => {});
    await bare.register(webRoutes({ distDir: join(dist, 'nowhere') }));
    const res = await bare.inject('/clients');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /npm run build:web/);
    await bare.close();
  });
});

describe('the real application', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  test('unknown API routes stay JSON 404 for every method; health checks still answer', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: '/api/v1/nothing-here',
        headers: { 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(res.statusCode, 404, method);
      assert.match(String(res.headers['content-type']), /^application\/json/, method);
    }
    assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
  });

  test('a client-side route answers HTML under the CSP', async () => {
    const res = await t.app.inject('/today');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
  });
});
