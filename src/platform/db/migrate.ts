import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { Migration } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';

// Any fixed 64-bit number; advisory locks are per database, so two Hearth installations on one
// server do not block each other.
const MIGRATION_LOCK = 7_342_009_117n;

export interface MigrationResult {
  applied: Migration[];
  current: number;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the schema up to date. Serialised by a session advisory lock so that several instances
 * starting at once apply each migration exactly once; each migration commits on its own, so a
 * failure leaves the schema at the last good version.
 */
export async function migrate(
  kysely: Kysely<DB>,
  onApplied: (m: Migration) => void = () => {},
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  checkSequence(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  return kysely.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`.execute(conn);
      const rows = await conn.selectFrom('schema_migrations').select('version').execute();
      const done = new Set(rows.map((r) => r.version));
      const newest = Math.max(0, ...done);
      if (newest > latest) {
        throw new MigrationError(
          `the database schema is at version ${newest}, newer than this Hearth (${latest}); upgrade Hearth`,
        );
      }
      const applied: Migration[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        try {
          await conn.transaction().execute(async (tx) => {
            for (const statement of m.statements) await sql.raw(statement).execute(tx);
            await tx
              .insertInto('schema_migrations')
              .values({ version: m.version, name: m.name })
              .execute();
          });
        } catch (err) {
          // DDL errors name objects and privileges, never row values: safe to show the operator.
          const e = err as { message?: string; code?: string };
          throw new MigrationError(
            `migration ${m.version} (${m.name}) failed and was rolled back: ${e.message?.split('\n')[0] ?? 'error'}${e.code ? ` [${e.code}]` : ''}`,
          );
        }
        applied.push(m);
        onApplied(m);
      }
      return { applied, current: latest };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** The schema version the database is at (0 when it has never been migrated). */
export async function schemaVersion(kysely: Kysely<DB>): Promise<number> {
  try {
    const { rows } = await sql<{
      version: number;
    }>`select coalesce(max(version), 0)::int as version from schema_migrations`.execute(kysely);
    return rows[0]?.version ?? 0;
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return 0; // undefined_table: never migrated
    throw err;
  }
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
    }
  });
}
