// Runs a measurement once per database backend: PGlite, then PostgreSQL when reachable.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.ts';
import { createThrowawayDatabase } from './postgres.ts';
import type { Row } from './types.ts';

export interface Backend {
  name: 'PGlite' | 'PostgreSQL';
  /** Server settings: a fresh HEARTH_DATA_DIR, and DATABASE_URL for PostgreSQL. */
  settings: Record<string, string>;
}

type Measure = (backend: Backend) => Promise<Row[]>;

/** One fresh temporary data directory around fn, removed afterwards. */
async function withDataDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const forget = onCleanup(remove);
  try {
    return await fn(dir);
  } finally {
    forget();
    await remove();
  }
}

/** A failed measurement becomes a row saying so, and the other backend still runs. */
async function guarded(benchmark: string, backend: Backend, measure: Measure): Promise<Row[]> {
  try {
    return await measure(backend);
  } catch (err) {
    const message = (err as Error).message;
    console.error(`bench: ${benchmark} on ${backend.name} failed: ${message}`);
    const figures = `failed: ${message.split('\n')[0] ?? ''}`;
    return [{ benchmark, backend: backend.name, figures, failed: true }];
  }
}

/** BENCH_BACKENDS=pglite or =postgres runs one backend only (default: both). */
const only = process.env.BENCH_BACKENDS;

export async function eachBackend(benchmark: string, measure: Measure): Promise<Row[]> {
  const rows =
    only === 'postgres'
      ? []
      : await withDataDir((dir) =>
          guarded(benchmark, { name: 'PGlite', settings: { HEARTH_DATA_DIR: dir } }, measure),
        );
  if (only === 'pglite') return rows;
  return [...rows, ...(await onPostgres(benchmark, measure))];
}

/** The PostgreSQL half of eachBackend alone, whatever BENCH_BACKENDS says. */
export async function onPostgres(benchmark: string, measure: Measure): Promise<Row[]> {
  const database = await createThrowawayDatabase();
  if (database.url === undefined) {
    console.error(`bench: ${benchmark}: PostgreSQL skipped: ${database.skipped}`);
    return [{ benchmark, backend: 'PostgreSQL', figures: `skipped: ${database.skipped}` }];
  }
  try {
    const settings = { DATABASE_URL: database.url };
    return await withDataDir((dir) =>
      guarded(
        benchmark,
        { name: 'PostgreSQL', settings: { ...settings, HEARTH_DATA_DIR: dir } },
        measure,
      ),
    );
  } finally {
    await database.drop();
  }
}
