import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../platform/db/open.ts';
import { FsBlobStore } from '../../platform/blobs/fs-store.ts';
import { testApp, TEST_SESSION_SECRET, type TestApp } from '../../testing/app.ts';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { SAME_ORIGIN } from '../../testing/http.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../../testing/practice.ts';
import { testServices } from '../../testing/services.ts';
import { pdfBytes } from '../testing/fixtures.ts';
import { multipartBody } from '../testing/multipart.ts';

// Issue #5's crash faults, with real processes killed by SIGKILL: a server killed mid-upload
// leaves no document, and a rotation killed mid-way resumes and leaves every document reading
// back byte for byte. On PGlite the database lives in files here, as `hearth serve` keeps it.

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hearth-crash-'));
const keysDir = join(dir, 'keys');
const blobDir = join(dir, 'blobs');
const masterKey = randomBytes(32);
const originals = new Map<string, Buffer>();
let database: TestDatabase;
let p: StaffedPractice;
let clientId = '';

/** The database the children use: this run's PostgreSQL clone, or PGlite files in `dir`. */
async function openShared(): Promise<TestDatabase> {
  if (process.env.DATABASE_URL) return database;
  const db = await openDatabase({
    dataDir: dir,
    databaseUrl: undefined,
    databaseCaFile: undefined,
    databasePoolSize: 1,
  });
  return { db, url: undefined, close: () => db.close() };
}

/** The real app on the shared database and keyring; closes its PGlite so a child can open it. */
async function withApp<T>(fn: (t: TestApp) => Promise<T>): Promise<T> {
  const shared = await openShared();
  const t = await testApp({
    database: shared,
    services: testServices({ keysDir, masterKey, blobDir }),
  });
  try {
    return await fn(t);
  } finally {
    await t.close();
    if (!process.env.DATABASE_URL) await shared.close();
  }
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('HEARTH_') && k !== 'DATABASE_URL'),
  );
  return {
    ...clean,
    HEARTH_DATA_DIR: dir,
    HEARTH_KEYS_DIR: keysDir,
    HEARTH_MASTER_KEY: masterKey.toString('base64'),
    HEARTH_BLOB_DIR: blobDir,
    HEARTH_SESSION_SECRET: TEST_SESSION_SECRET,
    HEARTH_HTTP_PORT: '0',
    HEARTH_SCRUB_SCHEDULE: 'off',
    HEARTH_REKEY_INTERVAL_DAYS: '0',
    HEARTH_LOG_LEVEL: 'warn',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...extra,
  };
}

function hearth(args: string[], extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [join(root, 'src', 'main.ts'), ...args], {
    cwd: root,
    env: env(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the exit code; collects what the child printed. */
function exited(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const blobsOnDisk = () =>
  readdirSync(blobDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.includes('.partial'))
    .map((e) => join(e.parentPath, e.name));
const partials = () => readdirSync(join(blobDir, '.partial'));

before(async () => {
  database = await testDatabase({ migrated: Boolean(process.env.DATABASE_URL) });
  await withApp(async (t) => {
    if (!process.env.DATABASE_URL) await t.db.migrate();
    p = await staffedPractice(t);
    const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
      firstName: 'Ines',
      lastName: 'Kaur',
      dateOfBirth: '1975-03-09',
      clinicianIds: [p.staff.associate.userId],
    });
    clientId = r.json<{ id: string }>().id;
    for (let i = 0; i < 12; i++) {
      const bytes = Buffer.concat([pdfBytes(`Record ${i}`), randomBytes(3_000_000)]);
      const { payload, headers } = multipartBody({ name: `record-${i}.pdf`, bytes });
      const up = await t.app.inject({
        method: 'POST',
        url: `/api/v1/clients/${clientId}/documents`,
        headers: { ...SAME_ORIGIN, cookie: p.staff.associate.cookie, ...headers },
        payload,
      });
      assert.equal(up.statusCode, 201, up.body);
      originals.set(up.json<{ id: string }>().id, bytes);
    }
  });
});
after(() => database.close());

async function everyDocumentReadsBack(): Promise<void> {
  await withApp(async (t) => {
    for (const [id, bytes] of originals) {
      const r = await callAs(t, p.staff.associate, 'GET', `/api/v1/documents/${id}/content`);
      assert.equal(r.statusCode, 200, id);
      assert.ok(r.rawPayload.equals(bytes), `${id} reads back byte for byte`);
    }
    const rows = await t.db.withPractice(p.practiceId, (tx) =>
      tx.selectFrom('documents').select('id').where('status', '=', 'available').execute(),
    );
    assert.equal(rows.length, originals.size, 'no half document appeared');
  });
}

describe('crashes', () => {
  test('a server killed mid-upload leaves no document and no complete blob', async () => {
    const port = await freePort();
    const server = hearth(['serve'], { HEARTH_PORT: String(port) });
    const done = exited(server);
    await new Promise<void>((resolve, reject) => {
      const ready = (d: Buffer) => d.toString().includes('Hearth is running') && resolve();
      server.stderr!.on('data', ready);
      server.once('exit', () => reject(new Error('the server stopped before it was ready')));
    });
    const blobsBefore = blobsOnDisk().length;
    const { payload, headers } = multipartBody({
      name: 'huge.pdf',
      bytes: Buffer.concat([pdfBytes(), randomBytes(40_000_000)]),
    });
    const upload = request({
      host: 'localhost',
      port,
      method: 'POST',
      path: `/api/v1/clients/${clientId}/documents`,
      rejectUnauthorized: false,
      headers: {
        ...SAME_ORIGIN,
        cookie: p.staff.associate.cookie,
        ...headers,
        'content-length': payload.length,
      },
    });
    upload.on('error', () => {});
    // Half the body, then the server dies while it is streaming the upload into the store.
    upload.write(payload.subarray(0, 20_000_000));
    await new Promise((r) => setTimeout(r, 1500));
    server.kill('SIGKILL');
    await done;
    upload.destroy();
    assert.equal(blobsOnDisk().length, blobsBefore, 'no blob was completed');
    await everyDocumentReadsBack();
  });

  test('a rotation killed mid-way resumes; every document reads back byte for byte', async () => {
    const killed = hearth(['rekey', '--each']);
    let seen = 0;
    killed.stderr!.on('data', (d: Buffer) => {
      seen += (d.toString().match(/re-encrypted document/g) ?? []).length;
      if (seen >= 3) killed.kill('SIGKILL');
    });
    const first = await exited(killed);
    assert.equal(
      first.code,
      null,
      `the first run was killed (it printed: ${first.out.slice(-300)})`,
    );
    assert.ok(seen >= 3 && seen < 12, `killed mid-way, after ${seen} documents`);

    const resumed = await exited(hearth(['rekey']));
    assert.equal(resumed.code, 0, resumed.out);
    assert.match(resumed.out, /resumed and finished run/);
    await everyDocumentReadsBack();
    await withApp(async (t) => {
      const current = await t.db.withPractice(p.practiceId, (tx) =>
        tx
          .selectFrom('document_keys')
          .select(['data_kek_version'])
          .where('state', '=', 'current')
          .execute(),
      );
      assert.ok(
        current.every((g) => g.data_kek_version === 2),
        'all under the new KEK',
      );
    });
    const scrub = await exited(hearth(['scrub', '--sample', '1']));
    assert.equal(scrub.code, 0, scrub.out);
    assert.match(scrub.out, /checked 12 documents .*; 0 failed/);
    // Each killed process may leave the file it was writing (the upload's, and the rotation's
    // when it died mid-write): never a blob, and swept by the worker once stale.
    assert.ok(partials().length <= 2, `at most one partial file per killed process: ${partials()}`);
    await new FsBlobStore(blobDir).sweepPartials(0);
    assert.deepEqual(partials(), [], 'the sweep removes them');
  });
});
