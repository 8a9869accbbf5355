import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliEnv, MAIN, REPO_ROOT } from '../testing/cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hearth-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function hearth(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: REPO_ROOT,
    env: cliEnv({ HEARTH_DATA_DIR: dataDir, HEARTH_KEYS_DIR: join(dataDir, 'keys'), ...env }),
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('hearth CLI', () => {
  test('an unknown command prints usage and exits 2', () => {
    const { code, stderr } = hearth(['frobnicate']);
    assert.equal(code, 2);
    assert.match(stderr, /unknown command "frobnicate"/);
    assert.match(stderr, /Usage: hearth <command>/);
  });

  test('every command has --help, exit 0', () => {
    for (const command of [
      'start',
      'serve',
      'worker',
      'migrate',
      'seed-demo',
      'audit-verify',
      'import-icd10',
      'scrub',
      'rekey',
      'move-keys-to-vault',
    ]) {
      const { code, stdout } = hearth([command, '--help']);
      assert.equal(code, 0, command);
      assert.match(stdout, new RegExp(`^Usage: hearth ${command}`), command);
    }
    assert.equal(hearth(['--help']).code, 0);
  });

  test('an unknown option is a usage error, exit 2', () => {
    const { code, stderr } = hearth(['migrate', '--force']);
    assert.equal(code, 2);
    assert.match(stderr, /Unknown option '--force'/);
  });

  test('a bad setting stops it with exactly one line naming the variable', () => {
    const { code, stderr } = hearth(['migrate'], { HEARTH_PORT: '99999' });
    assert.equal(code, 1);
    assert.equal(
      stderr.trim(),
      'hearth: configuration error: HEARTH_PORT must be an integer from 1 to 65535 (got "99999")',
    );
  });

  test('an unreachable database stops it with one line, no stack trace', () => {
    const { code, stderr } = hearth(['migrate'], { DATABASE_URL: 'postgres://x@127.0.0.1:1/none' });
    assert.equal(code, 1);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(
      stderr,
      /^hearth: cannot reach the database at 127\.0\.0\.1:1: connection refused/,
    );
  });

  test('a missing certificate file stops serve with one line naming it', () => {
    const { code, stderr } = hearth(['serve'], {
      HEARTH_TLS_CERT_FILE: '/nonexistent/cert.pem',
      HEARTH_TLS_KEY_FILE: '/nonexistent/key.pem',
      HEARTH_PORT: '18443',
      HEARTH_HTTP_PORT: '0',
    });
    assert.equal(code, 1);
    assert.match(
      stderr.trim().split('\n').at(-1) ?? '',
      /^hearth: cannot read HEARTH_TLS_CERT_FILE \(\/nonexistent\/cert\.pem\): no such file$/,
    );
  });

  test('migrate and seed-demo on an embedded database; both are idempotent', () => {
    const fresh = { HEARTH_DATA_DIR: join(dataDir, 'fresh') };
    const first = hearth(['migrate'], fresh);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /applied \d+ migration\(s\)/);
    const again = hearth(['migrate'], fresh);
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stderr, /applied/);
    const seeded = hearth(['seed-demo'], fresh);
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stderr, /created the demo practice/);
    const reseeded = hearth(['seed-demo'], fresh);
    assert.match(reseeded.stderr, /the demo practice exists already/);
  });
});

describe('hearth audit-verify', () => {
  const env = { HEARTH_DATA_DIR: join(dataDir, 'audit') };

  test('says "intact" and exits 0 on an untouched trail, then names an edited row and exits 1', async () => {
    assert.equal(hearth(['seed-demo'], env).code, 0);
    const intact = hearth(['audit-verify'], env);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /^intact, 0 events in 1 practice\(s\)$/m);
    // The verification itself is recorded and sealed: the second run walks it.
    const again = hearth(['audit-verify'], env);
    assert.match(again.stdout, /^intact, 1 events in 1 practice\(s\)$/m);

    // Tamper as a superuser would: open the embedded database directly, triggers off.
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLITE_EXTENSIONS } = await import('../platform/db/pglite-extensions.ts');
    const pg = await PGlite.create({
      dataDir: join(env.HEARTH_DATA_DIR, 'pgdata'),
      extensions: PGLITE_EXTENSIONS,
    });
    const { rows } = await pg.query<{ id: string }>(
      'select id::text from audit_events order by id limit 1',
    );
    const eventId = rows[0]?.id;
    await pg.exec(`set session_replication_role = replica;
      update audit_events set detail = '{"intact": false}'::jsonb where id = ${eventId};`);
    await pg.close();

    const broken = hearth(['audit-verify'], env);
    assert.equal(broken.code, 1);
    assert.match(
      broken.stdout,
      new RegExp(
        `broken link in practice [0-9a-f-]{36} at seq 1 \\(event ${eventId}\\): hash mismatch; expected [0-9a-f]{64}, found [0-9a-f]{64}`,
      ),
    );
  });

  test('--practice must be a practice id', () => {
    const { code, stderr } = hearth(['audit-verify', '--practice', 'nope'], env);
    assert.equal(code, 2);
    assert.match(stderr, /--practice must be a practice id/);
  });
});
