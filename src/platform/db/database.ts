import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { APP_ROLE, JOBS_ROLE } from './roles.ts';
import { SCOPED_FUNCTIONS, type ScopedFunction } from './scoped-functions.ts';
import type { DB } from './schema.ts';
import { LATEST_VERSION, migrate, schemaVersion, type MigrationResult } from './migrate.ts';
import type { Migration } from './migration.ts';
import type { PostgresPool } from 'kysely';
import { PglitePool } from './pglite-pool.ts';
import { postgresClients } from './postgres-client.ts';

/** A transaction bound to one practice (or, for named jobs, to none). */
export type Tx = Transaction<DB>;

export type DatabaseKind = 'pglite' | 'postgres';

const scopes = new WeakMap<Tx, string>();

/** The practice a transaction from withPractice is scoped to (undefined for cross-practice jobs). */
export function practiceOf(tx: Tx): string | undefined {
  return scopes.get(tx);
}

/**
 * The functions that find the account one email belongs to, before any practice is known
 * (migration 0018): the only thing Database.lookUpAccount will call.
 */
export const ACCOUNT_LOOKUPS = ['hearth_sign_in_account', 'hearth_password_reset_account'] as const;
export type AccountLookup = (typeof ACCOUNT_LOOKUPS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CrossPracticeJob {
  /** The job's name as it appears in logs, e.g. `audit-verify`. */
  job: string;
  /** Why this job must see every practice. */
  reason: string;
}

/**
 * The only door from feature code to the database. Every statement runs inside a transaction
 * that has switched to an unprivileged role and named its practice, so row-level security
 * confines it even if a query forgets its `where practice_id`.
 */
export class Database {
  readonly kind: DatabaseKind;
  #kysely: Kysely<DB>;
  #endPool: () => Promise<void>;
  #onCrossPractice: (job: CrossPracticeJob) => void;
  #embedded: PglitePool | undefined;

  constructor(
    kind: DatabaseKind,
    pool: PostgresPool,
    onCrossPractice: (job: CrossPracticeJob) => void = () => {},
  ) {
    this.kind = kind;
    // Kysely ends the pool only if it ever used it; close() must release an unused one too
    // (an open PGlite keeps the process alive). Ending twice is harmless this way.
    let ended: Promise<void> | undefined;
    this.#endPool = () => (ended ??= pool.end());
    const source = kind === 'postgres' ? postgresClients(pool) : pool;
    const guarded: PostgresPool = {
      connect: () => source.connect(),
      end: () => this.#endPool(),
      options: pool.options,
    };
    this.#kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool: guarded }) });
    this.#onCrossPractice = onCrossPractice;
    this.#embedded = pool instanceof PglitePool ? pool : undefined;
  }

  /**
   * Calls one of the functions that open a practice's scope themselves (migration 0016,
   * ADR 0017): a single statement, its own transaction, one round trip — for the session
   * check of every request and the reads made most often. `args` follow the practice id, as
   * bound parameters. Answers the function's rows.
   */
  async callInPractice<R>(
    practiceId: string,
    fn: ScopedFunction,
    args: readonly unknown[],
  ): Promise<R[]> {
    if (!UUID.test(practiceId)) throw new TypeError('callInPractice needs a practice id (a UUID)');
    if (!SCOPED_FUNCTIONS.includes(fn)) throw new TypeError(`${fn} does not open a scope`);
    const values = sql.join([practiceId, ...args].map((v) => sql`${v}`));
    const { rows } = await sql<R>`select * from ${sql.raw(fn)}(${values})`.execute(this.#kysely);
    return rows;
  }

  /**
   * The embedded instance's pool, for the job queue (platform/jobs), which keeps its own tables
   * and must not slip its statements into a request's open transaction. Undefined on PostgreSQL,
   * where the queue opens a small pool of its own.
   */
  embeddedPool(): PglitePool | undefined {
    return this.#embedded;
  }

  /** Runs `fn` in a transaction that can see and write only `practiceId`'s rows. */
  async withPractice<T>(practiceId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (!UUID.test(practiceId)) throw new TypeError('withPractice needs a practice id (a UUID)');
    return this.#kysely.transaction().execute(async (tx) => {
      // set_config(..., true) is SET LOCAL: both end with the transaction, so a pooled
      // connection never carries one request's practice or role into the next. Written as
      // literals (the id is a checked UUID) so that it travels with the `begin` in one round
      // trip on PostgreSQL (postgres-client.ts).
      await sql
        .raw(
          `select set_config('role', '${APP_ROLE}', true), set_config('app.practice_id', '${practiceId.toLowerCase()}', true)`,
        )
        .execute(tx);
      scopes.set(tx, practiceId);
      return fn(tx);
    });
  }

  /**
   * Sign-in and password reset, before the practice is known: runs an account lookup as the
   * app role with no practice named, so the transaction itself sees no tenant row at all; the
   * function (SECURITY DEFINER, executable by the app role only) answers for that one email.
   */
  async lookUpAccount<R>(fn: AccountLookup, email: string): Promise<R | undefined> {
    if (!ACCOUNT_LOOKUPS.includes(fn)) throw new TypeError(`${fn} is not an account lookup`);
    return this.#kysely.transaction().execute(async (tx) => {
      await sql.raw(`select set_config('role', '${APP_ROLE}', true)`).execute(tx);
      const { rows } = await sql<R>`select * from ${sql.raw(fn)}(${email})`.execute(tx);
      return rows[0];
    });
  }

  /**
   * For jobs that must cross practices (audit verification, scrubbing, purges). Deliberately
   * awkward: it must name the job and its reason, and every use is reported.
   */
  async unscopedAcrossPractices<T>(job: CrossPracticeJob, fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (!job.job || !job.reason) throw new TypeError('a cross-practice job must say who and why');
    this.#onCrossPractice(job);
    return this.#kysely.transaction().execute(async (tx) => {
      await sql
        .raw(
          `select set_config('role', '${JOBS_ROLE}', true), set_config('app.cross_practice', 'on', true)`,
        )
        .execute(tx);
      return fn(tx);
    });
  }

  async migrate(
    onApplied?: (m: Migration) => void,
    migrations?: readonly Migration[],
  ): Promise<MigrationResult> {
    return migrate(this.#kysely, onApplied, migrations);
  }

  /** Reachable and at the schema version this code expects. */
  async readiness(): Promise<{ reachable: boolean; schemaCurrent: boolean }> {
    try {
      const version = await schemaVersion(this.#kysely);
      return { reachable: true, schemaCurrent: version === LATEST_VERSION };
    } catch {
      return { reachable: false, schemaCurrent: false };
    }
  }

  /**
   * The owner's connection, outside any tenant scope. Only for migrations, test fixtures and
   * the isolation tests that prove the scoped paths hold; feature code never calls it.
   */
  unsafeOwnerConnection(): Kysely<DB> {
    return this.#kysely;
  }

  async close(): Promise<void> {
    await this.#kysely.destroy();
    await this.#endPool();
  }
}
