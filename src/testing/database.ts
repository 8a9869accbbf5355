import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Database } from '../platform/db/database.ts';
import { openDatabase } from '../platform/db/open.ts';
import { TEST_ENV } from './env.ts';
import { loadBundledCodeSets } from '../diagnoses/bundled-code-sets.ts';

/** Outside the test runner (no template): migrate, and load the shipped code set like `migrate`. */
async function migrateWithCodes(db: Database): Promise<void> {
  await db.migrate();
  await loadBundledCodeSets(db);
}

export interface TestDatabase {
  db: Database;
  /** For tests that connect a second Database to the same data (PostgreSQL only). */
  url: string | undefined;
  close(): Promise<void>;
}

/** The server's DATABASE_URL pointed at another database on the same server. */
export function urlForDatabase(name: string): string {
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database. A superuser's connection (asSuperuser) that has just closed may still
 * have its backend exiting, and a non-superuser cannot terminate it (42501; 55006 while it is
 * still connected): wait for it to go, up to ten seconds.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 100 || (code !== '42501' && code !== '55006')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * A fresh, migrated database of its own for one test file: an in-memory PGlite loaded from the
 * snapshot, or (with DATABASE_URL) a PostgreSQL database cloned from the run's template and
 * dropped on close. `migrated: false` gives an empty one.
 */
export async function testDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (!process.env.DATABASE_URL) {
    const path = process.env[TEST_ENV.pgliteSnapshot];
    const snapshot = migrated && path ? new Blob([readFileSync(path)]) : undefined;
    const db = await openDatabase({
      dataDir: '',
      databaseUrl: undefined,
      databaseCaFile: undefined,
      databasePoolSize: 1,
      inMemory: true,
      ...(snapshot ? { pgliteSnapshot: snapshot } : {}),
    });
    if (migrated && !snapshot) await migrateWithCodes(db);
    return { db, url: undefined, close: () => db.close() };
  }
  const name = `hearth_t_${process.env[TEST_ENV.run] ?? 'adhoc'}_${randomBytes(6).toString('hex')}`;
  const template = process.env[TEST_ENV.templateDatabase];
  await admin((c) =>
    c.query(
      migrated && template
        ? `create database ${name} template ${template}`
        : `create database ${name}`,
    ),
  );
  const url = urlForDatabase(name);
  const db = await openDatabase({
    dataDir: '',
    databaseUrl: url,
    databaseCaFile: undefined,
    databasePoolSize: 8,
  });
  if (migrated && !template) await migrateWithCodes(db);
  return {
    db,
    url,
    async close() {
      await db.close();
      await dropDatabase(name);
    },
  };
}
