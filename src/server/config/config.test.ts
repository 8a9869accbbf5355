import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, VARIABLES } from './load.ts';

describe('configuration', () => {
  test('defaults give the embedded, self-signed set-up', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8443);
    assert.equal(config.httpPort, 8080);
    assert.equal(config.tlsMode, 'auto');
    assert.equal(config.databaseUrl, undefined);
    assert.ok(config.dataDir.endsWith('/data'));
  });

  test('an invalid value stops start-up with one line naming the variable and what it accepts', () => {
    assert.throws(
      () => loadConfig({ HEARTH_PORT: 'eighty' }),
      (err: Error) =>
        err instanceof ConfigError &&
        err.message === 'HEARTH_PORT must be an integer from 1 to 65535 (got "eighty")',
    );
    assert.throws(() => loadConfig({ HEARTH_TLS_MODE: 'off' }), /HEARTH_TLS_MODE must be/);
    assert.throws(() => loadConfig({ HEARTH_LOG_LEVEL: 'loud' }), /HEARTH_LOG_LEVEL must be/);
    assert.throws(
      () => loadConfig({ HEARTH_TRUSTED_PROXIES: '10.0.0.0/33' }),
      /HEARTH_TRUSTED_PROXIES must be/,
    );
  });

  test('an unknown HEARTH_ variable is refused, so a typo cannot silently fall back to a default', () => {
    assert.throws(
      () => loadConfig({ HEARTH_PROT: '9443' }),
      (err: Error) =>
        err instanceof ConfigError && err.message.startsWith('HEARTH_PROT is not a Hearth setting'),
    );
  });

  test('secrets are never echoed in an error', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://user:s3cret@db/x' }),
      (err: Error) => /DATABASE_URL must be/.test(err.message) && !err.message.includes('s3cret'),
    );
  });

  test('settings that only make sense together are checked together', () => {
    assert.throws(() => loadConfig({ HEARTH_TLS_CERT_FILE: '/c.pem' }), /must be set together/);
    assert.throws(
      () => loadConfig({ HEARTH_TLS_MODE: 'behind-proxy' }),
      /HEARTH_TRUSTED_PROXIES must list/,
    );
    assert.throws(() => loadConfig({ HEARTH_HTTP_PORT: '8443' }), /must differ/);
    const proxied = loadConfig({
      HEARTH_TLS_MODE: 'behind-proxy',
      HEARTH_TRUSTED_PROXIES: '10.0.0.1, fd00::/8',
      HEARTH_PUBLIC_URL: 'https://hearth.example.org',
    });
    assert.deepEqual(proxied.trustedProxies, ['10.0.0.1', 'fd00::/8']);
  });

  test('listening beyond loopback, or behind a proxy, needs HEARTH_PUBLIC_URL; one line says so', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'hearth.example.org']) {
      assert.throws(
        () => loadConfig({ HEARTH_HOST: host }),
        (err: Error) =>
          err instanceof ConfigError &&
          err.message ===
            `HEARTH_PUBLIC_URL must be set to the address users type (e.g. https://hearth.example.org) when HEARTH_HOST is ${host}, which is not a loopback address`,
      );
    }
    assert.throws(
      () => loadConfig({ HEARTH_TLS_MODE: 'behind-proxy', HEARTH_TRUSTED_PROXIES: '10.0.0.1' }),
      (err: Error) =>
        err instanceof ConfigError &&
        !err.message.includes('\n') &&
        /^HEARTH_PUBLIC_URL must be set .* behind-proxy/.test(err.message),
    );
    const served = loadConfig({
      HEARTH_HOST: '0.0.0.0',
      HEARTH_PUBLIC_URL: 'https://hearth.example.org',
    });
    assert.equal(served.publicUrl, 'https://hearth.example.org');
  });

  test('on loopback the public address defaults to https://localhost:<HEARTH_PORT>', () => {
    assert.equal(loadConfig({}).publicUrl, 'https://localhost:8443');
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1']) {
      assert.equal(
        loadConfig({ HEARTH_HOST: host, HEARTH_PORT: '9443' }).publicUrl,
        'https://localhost:9443',
      );
    }
    assert.equal(loadConfig({ HEARTH_PORT: '443' }).publicUrl, 'https://localhost');
  });

  test("the README's configuration table lists exactly the variables Hearth reads, with their defaults", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const rows = readme
      .split('\n')
      .map((line) => /^\|\s*`([A-Z0-9_]+)`\s*\|\s*([^|]*?)\s*\|/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]?.replace(/`/g, '') ?? '']);
    const expected = VARIABLES.map((v) => [v.name, v.default === '' ? '—' : v.default]);
    assert.deepEqual(rows, expected);
  });
});
