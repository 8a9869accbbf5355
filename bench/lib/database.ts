// An in-process Database on a benchmark backend (see backends.ts): migrated, closed afterwards.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/platform/db/database.ts';
import { openDatabase } from '../../src/platform/db/open.ts';
import type { Backend } from './backends.ts';
import { onCleanup } from './cleanup.ts';

/** Opens the backend's database in this process (PGlite in its data directory, or PostgreSQL). */
export async function withBenchDatabase<T>(
  backend: Backend,
  poolSize: number,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const dataDir = backend.settings.HEARTH_DATA_DIR;
  if (dataDir === undefined) throw new Error('the backend has no data directory');
  const db = await openDatabase({
    dataDir,
    databaseUrl: backend.settings.DATABASE_URL,
    databaseCaFile: undefined,
    databasePoolSize: poolSize,
  });
  const close = () => db.close();
  const forget = onCleanup(close);
  try {
    await db.migrate();
    return await fn(db);
  } finally {
    forget();
    await close();
  }
}

/** A new practice named "Bench"; returns its id. */
export async function createBenchPractice(db: Database): Promise<string> {
  const id = randomUUID();
  await db.withPractice(id, (tx) =>
    tx.insertInto('practices').values({ id, name: 'Bench' }).execute(),
  );
  return id;
}
