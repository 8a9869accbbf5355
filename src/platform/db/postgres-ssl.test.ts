import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from '../../server/config/load.ts';
import { openDatabase, StartupError } from './open.ts';
import { postgresTarget } from './postgres-ssl.ts';

describe('PostgreSQL connection security', () => {
  test('without sslmode the connection is plain; verify-full verifies chain and host name', () => {
    assert.equal(postgresTarget('postgres://u@db:5432/x').ssl, false);
    const dir = mkdtempSync(join(tmpdir(), 'hearth-ca-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), 'PEM');
      const full = postgresTarget(
        `postgres://u@db/x?sslmode=verify-full&sslrootcert=${join(dir, 'ca.pem')}`,
      );
      assert.deepEqual(full.ssl, { rejectUnauthorized: true, minVersion: 'TLSv1.2', ca: 'PEM' });
      assert.equal(
        full.connectionString,
        'postgres://u@db/x',
        'TLS parameters are removed so pg cannot override them',
      );
      assert.equal(full.where, 'db:5432');
      const ca = postgresTarget('postgres://u@db/x?sslmode=verify-ca', join(dir, 'ca.pem'));
      assert.ok(ca.ssl && ca.ssl.checkServerIdentity, 'verify-ca skips only the host-name check');
      assert.equal(ca.ssl && ca.ssl.rejectUnauthorized, true);
      const byFile = postgresTarget('postgres://u@db/x', join(dir, 'ca.pem'));
      assert.equal(byFile.ssl && byFile.ssl.ca, 'PEM', 'a CA file alone asks for verify-full');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('modes that could fall back to plain text, and unsupported parameters, are refused', () => {
    for (const url of [
      'postgres://u@db/x?sslmode=prefer',
      'postgres://u@db/x?sslmode=allow',
      'postgres://u@db/x?ssl=true',
    ]) {
      assert.throws(() => postgresTarget(url), ConfigError, url);
    }
    assert.throws(
      () => postgresTarget('postgres://u@db/x?sslmode=verify-full', '/no/such/ca.pem'),
      /cannot read the database CA file/,
    );
  });

  test('an unreachable server stops start-up with one line naming where', async () => {
    await assert.rejects(
      openDatabase({
        dataDir: '',
        databaseUrl: 'postgres://hearth@127.0.0.1:1/x',
        databaseCaFile: undefined,
        databasePoolSize: 1,
      }),
      (err: Error) =>
        err instanceof StartupError &&
        err.message ===
          'cannot reach the database at 127.0.0.1:1: connection refused (is PostgreSQL running?)',
    );
  });

  test('verify-full against a server without TLS is refused, never downgraded', async () => {
    // A PostgreSQL server without TLS answers the client's SSLRequest with a single 'N'.
    const plain = createServer((socket) => socket.once('data', () => socket.write('N')));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const { port } = plain.address() as { port: number };
    try {
      await assert.rejects(
        openDatabase({
          dataDir: '',
          databaseUrl: `postgres://hearth@127.0.0.1:${port}/x?sslmode=verify-full`,
          databaseCaFile: undefined,
          databasePoolSize: 1,
        }),
        (err: Error) =>
          err instanceof StartupError &&
          /cannot reach the database at 127.0.0.1:\d+: The server does not support SSL connections/.test(
            err.message,
          ),
      );
    } finally {
      plain.close();
    }
  });
});
