// Runs the whole test suite: prepares one migrated database template, then runs every
// *.test.ts file with node's test runner. With DATABASE_URL set, the template and every test
// file's database live on that PostgreSQL server and are dropped afterwards; otherwise on PGlite.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Database } from '../src/platform/db/database.ts';
import { PglitePool } from '../src/platform/db/pglite-pool.ts';
import { PGLITE_EXTENSIONS } from '../src/platform/db/pglite-extensions.ts';
import { openDatabase } from '../src/platform/db/open.ts';
import { TEST_ENV } from '../src/testing/env.ts';
import { urlForDatabase } from '../src/testing/database.ts';
import { loadBundledCodeSets } from '../src/diagnoses/bundled-code-sets.ts';

const root = join(import.meta.dirname, '..');
const artifacts = join(root, '.test-artifacts');
mkdirSync(artifacts, { recursive: true });

const env: NodeJS.ProcessEnv = { ...process.env };
let cleanup = async () => {};

if (process.env.DATABASE_URL) {
  const run = randomBytes(4).toString('hex');
  env[TEST_ENV.run] = run;
  const template = `hearth_t_${run}_template`;
  cleanup = async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [`hearth_t_${run}_`],
    );
    // This run's template, and any database a crashed test file left behind.
    for (const { datname } of rows) {
      await client.query(`drop database if exists ${datname} with (force)`);
    }
    await client.end();
  };
  try {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${template}`);
    await admin.end();
    const db = await openDatabase({
      dataDir: '',
      databaseUrl: urlForDatabase(template),
      databaseCaFile: undefined,
      databasePoolSize: 1,
    });
    await db.migrate();
    // Every test database starts with the shipped ICD-10-CM code sets, as a served one does.
    await loadBundledCodeSets(db);
    await db.close();
  } catch (err) {
    await cleanup();
    throw err;
  }
  env[TEST_ENV.templateDatabase] = template;
  console.log(`test databases: PostgreSQL, cloned from ${template}`);
} else {
  // Loading the code sets writes ~80 MB of WAL; a small WAL keeps recycled segments out of the
  // snapshot that every test file loads (85 MB instead of 135 MB).
  const pglite = await PGlite.create({
    extensions: PGLITE_EXTENSIONS,
    postgresqlconf: ['min_wal_size = 32MB', 'max_wal_size = 32MB'],
  });
  const db = new Database('pglite', new PglitePool(pglite));
  await db.migrate();
  await loadBundledCodeSets(db);
  // A checkpoint first, so that a test file's instance starts without replaying that WAL.
  await pglite.exec('checkpoint');
  const snapshot = await pglite.dumpDataDir('none');
  const path = join(artifacts, 'pglite-template.tar');
  // Written aside and renamed into place: another run's test files may be reading the current
  // one (it is 80 MB, and takes seconds to write), and must never see half of a new one.
  writeFileSync(`${path}.${process.pid}`, Buffer.from(await snapshot.arrayBuffer()));
  renameSync(`${path}.${process.pid}`, path);
  await db.close();
  env[TEST_ENV.pgliteSnapshot] = path;
  console.log('test databases: PGlite, in memory, from a migrated snapshot');
}

const patterns = process.argv.slice(2);
const args = [
  '--test',
  '--test-concurrency=2',
  '--import',
  './src/testing/fail-on-console-error.ts',
  ...(patterns.length > 0 ? patterns : ['src/**/*.test.ts']),
];
const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await cleanup();
process.exitCode = code;
