import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createNetServer } from 'node:net';
import { connect, createServer, type SecureVersion } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loadConfig, type Config } from './config/load.ts';
import { testDatabase, type TestDatabase } from '../testing/database.ts';
import { captureLogs } from '../testing/logs.ts';
import { testServices } from '../testing/services.ts';
import { StartupError } from '../platform/db/open.ts';
import { startServer, type RunningServer } from './start.ts';
import { loadTlsMaterial } from '../platform/tls/certificate.ts';
import { redirectTarget } from '../platform/http/redirect-server.ts';

let dataDir: string;
let t: TestDatabase;
let server: RunningServer;

function config(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), dataDir, host: '127.0.0.1', port: 0, httpPort: 0, ...overrides };
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const free = port(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

function port(s: { address(): unknown }): number {
  return (s.address() as { port: number }).port;
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hearth-tls-'));
  t = await testDatabase();
  server = await startServer(config({ httpPort: 0 }), t.db, captureLogs().logger, testServices());
});
after(async () => {
  await server.close();
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function handshake(port: number, min: SecureVersion, max: SecureVersion): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      minVersion: min,
      maxVersion: max,
      rejectUnauthorized: false,
      // Let this client offer the old protocols at all; the server must still refuse them.
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      resolve(socket.getProtocol() ?? '');
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('HTTPS only (DESIGN.md invariant 8)', () => {
  test('serves /healthz over TLS with the self-signed localhost certificate it made', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: port(server.app.server),
          path: '/healthz',
          rejectUnauthorized: false,
        },
        (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c.toString()));
          res.on('end', () => resolve(`${res.statusCode} ${data}`));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(body, '200 {"status":"ok"}');
    assert.equal(server.tls?.source, 'self-signed');
    const cert = new X509Certificate(readFileSync(join(dataDir, 'tls', 'localhost.crt')));
    assert.match(cert.subjectAltName ?? '', /DNS:localhost/);
    const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
    assert.ok(days <= 397, `valid for ${days} days`);
  });

  test('TLS 1.2 and 1.3 are accepted; TLS 1.0 and 1.1 are refused', async () => {
    const p = port(server.app.server);
    assert.equal(await handshake(p, 'TLSv1.3', 'TLSv1.3'), 'TLSv1.3');
    assert.equal(await handshake(p, 'TLSv1.2', 'TLSv1.2'), 'TLSv1.2');
    // Control: this client can speak TLS 1.1 to a server that allows it, so a refusal below is
    // the Hearth server's doing.
    const material = await loadTlsMaterial({ dataDir });
    const lax = createServer(
      {
        cert: material.cert,
        key: material.key,
        minVersion: 'TLSv1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
      },
      (s) => s.end(),
    );
    await new Promise<void>((resolve) => lax.listen(0, '127.0.0.1', resolve));
    try {
      assert.equal(await handshake(port(lax), 'TLSv1.1', 'TLSv1.1'), 'TLSv1.1');
    } finally {
      lax.close();
    }
    await assert.rejects(handshake(p, 'TLSv1', 'TLSv1'));
    await assert.rejects(handshake(p, 'TLSv1.1', 'TLSv1.1'));
  });

  test('the plain-HTTP port redirects to HTTPS and serves nothing else', async () => {
    const s = await startServer(
      config({ httpPort: 0 }),
      t.db,
      captureLogs().logger,
      testServices(),
    );
    try {
      assert.equal(s.redirect, undefined, 'httpPort 0 turns the redirect off');
    } finally {
      await s.close();
    }
    const withRedirect = await startServer(
      { ...config(), httpPort: await freePort() },
      t.db,
      captureLogs().logger,
      testServices(),
    );
    try {
      const httpPort = port(withRedirect.redirect!);
      const answer = (method: string, path: string, host: string) =>
        new Promise<{ status?: number; location?: string; length: number }>((resolve, reject) => {
          const req = httpRequest(
            { host: '127.0.0.1', port: httpPort, path, method, headers: { host } },
            (res) => {
              let length = 0;
              res.on('data', (c: Buffer) => (length += c.length));
              res.on('end', () =>
                resolve({ status: res.statusCode, location: res.headers.location, length }),
              );
            },
          );
          req.on('error', reject);
          req.end();
        });
      // To the public address (the loopback default here), whatever Host the request named.
      assert.deepEqual(await answer('GET', '/x?y=1', `localhost:${httpPort}`), {
        status: 301,
        location: 'https://localhost:8443/x?y=1',
        length: 0,
      });
      assert.equal((await answer('POST', '/api/v1/session', 'localhost')).status, 308);
      assert.deepEqual(await answer('GET', '/healthz', 'evil.example/<script>'), {
        status: 301,
        location: 'https://localhost:8443/healthz',
        length: 0,
      });
    } finally {
      await withRedirect.close();
    }
  });

  test('redirect targets are the public address and never follow a protocol-relative path', () => {
    const base = 'https://hearth.example.org';
    assert.equal(redirectTarget('//evil.test/x', base), 'https://hearth.example.org/');
    assert.equal(redirectTarget('/p?q', base), 'https://hearth.example.org/p?q');
    assert.equal(redirectTarget(undefined, base), 'https://hearth.example.org/');
  });

  test('behind a proxy, X-Forwarded-Proto is believed only from a trusted proxy', async () => {
    const s = await startServer(
      config({
        tlsMode: 'behind-proxy',
        trustedProxies: ['10.1.2.3'],
        publicUrl: 'https://hearth.example.org',
      }),
      t.db,
      captureLogs().logger,
      testServices(),
    );
    try {
      const trusted = await s.app.inject({
        url: '/healthz',
        remoteAddress: '10.1.2.3',
        headers: { 'x-forwarded-proto': 'https', host: 'hearth.example.org' },
      });
      assert.equal(trusted.statusCode, 200);
      const spoofed = await s.app.inject({
        url: '/healthz',
        remoteAddress: '192.0.2.7',
        headers: { 'x-forwarded-proto': 'https', host: 'hearth.example.org' },
      });
      assert.equal(spoofed.statusCode, 308);
      assert.equal(spoofed.headers.location, 'https://hearth.example.org/healthz');
    } finally {
      await s.close();
    }
  });

  test('a self-signed certificate near expiry is renewed at start-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-renew-'));
    try {
      const old = await loadTlsMaterial({ dataDir: dir }, new Date(Date.now() - 380 * 86_400_000));
      const renewed = await loadTlsMaterial({ dataDir: dir });
      assert.notEqual(renewed.cert, old.cert);
      assert.ok(renewed.validTo.getTime() - Date.now() > 300 * 86_400_000);
      const kept = await loadTlsMaterial({ dataDir: dir });
      assert.equal(kept.cert, renewed.cert);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing, mismatched or expired certificate file stops start-up with one clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-files-'));
    try {
      const a = await loadTlsMaterial({ dataDir: join(dir, 'a') });
      const b = await loadTlsMaterial({ dataDir: join(dir, 'b') });
      writeFileSync(join(dir, 'a.crt'), a.cert);
      writeFileSync(join(dir, 'b.key'), b.key);
      await assert.rejects(
        loadTlsMaterial({
          certFile: join(dir, 'none.crt'),
          keyFile: join(dir, 'b.key'),
          dataDir: dir,
        }),
        (err: Error) =>
          err instanceof StartupError &&
          /cannot read HEARTH_TLS_CERT_FILE .*no such file/.test(err.message),
      );
      await assert.rejects(
        loadTlsMaterial({
          certFile: join(dir, 'a.crt'),
          keyFile: join(dir, 'b.key'),
          dataDir: dir,
        }),
        /private key does not belong to the certificate/,
      );
      await assert.rejects(
        loadTlsMaterial({
          certFile: join(dir, 'b.key'),
          keyFile: join(dir, 'b.key'),
          dataDir: dir,
        }),
        /not a PEM X.509 certificate/,
      );
      const good = await loadTlsMaterial({
        certFile: join(dir, 'a.crt'),
        keyFile: join(dir, 'a', 'tls', 'localhost.key'),
        dataDir: dir,
      });
      assert.equal(good.source, 'files');
      await assert.rejects(
        loadTlsMaterial(
          {
            certFile: join(dir, 'a.crt'),
            keyFile: join(dir, 'a', 'tls', 'localhost.key'),
            dataDir: dir,
          },
          new Date(Date.now() + 500 * 86_400_000),
        ),
        /expired/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a port in use stops start-up with one clear line', async () => {
    await assert.rejects(
      startServer(
        config({ port: port(server.app.server) }),
        t.db,
        captureLogs().logger,
        testServices(),
      ),
      (err: Error) =>
        err instanceof StartupError &&
        /port \d+ is already in use; set HEARTH_PORT/.test(err.message),
    );
  });
});
