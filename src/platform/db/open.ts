import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Config } from '../settings.ts';
import { Database, type CrossPracticeJob } from './database.ts';
import { PglitePool } from './pglite-pool.ts';
import { PGLITE_EXTENSIONS } from './pglite-extensions.ts';
import { postgresTarget } from './postgres-ssl.ts';

/** A start-up failure to report as one line, without a stack trace. */
export class StartupError extends Error {
  override name = 'StartupError';
}

// Dates stay strings ('2026-03-08'): node-postgres would turn them into local-midnight Date
// objects, which shift a client's birthday across time zones. int8 and numeric stay strings
// on both backends so that no code depends on which one it runs on.
const TEXT_TYPES = { date: 1082, int8: 20, numeric: 1700 } as const;

export type DatabaseOptions = Pick<
  Config,
  'dataDir' | 'databaseUrl' | 'databaseCaFile' | 'databasePoolSize'
> & {
  onCrossPractice?: (job: CrossPracticeJob) => void;
  /** Tests start each embedded database from a migrated snapshot. */
  pgliteSnapshot?: Blob;
  /** Tests keep throwaway embedded databases in memory. */
  inMemory?: boolean;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  const dataDir = options.inMemory ? undefined : join(options.dataDir, 'pgdata');
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const parsers = Object.fromEntries(
    Object.values(TEXT_TYPES).map((oid) => [oid, (v: string) => v]),
  );
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
      parsers,
      extensions: PGLITE_EXTENSIONS,
    });
  } catch (err) {
    throw new StartupError(
      `cannot open the embedded database in ${dataDir ?? 'memory'}: ${(err as Error).message}`,
    );
  }
  return new Database('pglite', new PglitePool(pglite), options.onCrossPractice);
}

async function openPostgres(databaseUrl: string, options: DatabaseOptions): Promise<Database> {
  const target = postgresTarget(databaseUrl, options.databaseCaFile);
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    ssl: target.ssl,
    max: options.databasePoolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        (Object.values(TEXT_TYPES) as number[]).includes(oid)
          ? (v: string) => v
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StartupError(`cannot reach the database at ${target.where}: ${describe(err)}`);
  }
  return new Database('postgres', pool, options.onCrossPractice);
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] };
  const code = e.code ?? e.errors?.[0]?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (is PostgreSQL running?)';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === '28P01' || code === '28000') return 'authentication failed';
  if (code === '3D000') return 'the database does not exist';
  // node-postgres's own TLS messages ("The server does not support SSL connections") and TLS
  // verification errors carry no secrets and say what to fix.
  return e.message?.split('\n')[0] ?? 'unknown error';
}
