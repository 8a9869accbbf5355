import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../platform/db/schema.ts';
import type { TestDatabase } from './database.ts';

/**
 * A superuser's connection to a test database, for tests that play an attacker with full
 * database access (editing audit rows around every guard). On PGlite the owner connection is
 * already a superuser; on PostgreSQL this connects as `postgres` (HEARTH_TEST_SUPERUSER).
 */
export async function asSuperuser<T>(
  t: TestDatabase,
  fn: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (!t.url) return fn(t.db.unsafeOwnerConnection());
  const url = new URL(t.url);
  url.username = process.env.HEARTH_TEST_SUPERUSER ?? 'postgres';
  url.password = '';
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: url.toString(), max: 1 }),
    }),
  });
  try {
    const { rows } = await sql<{
      s: boolean;
    }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(db);
    if (!rows[0]?.s) throw new Error(`${url.username} is not a superuser`);
    return await fn(db);
  } finally {
    await db.destroy();
  }
}
