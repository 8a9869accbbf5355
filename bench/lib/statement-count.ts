// How many SQL statements one request sends, and which: the real application built in this
// process (buildApp, as the tests build it) on the seeded database, with the driver's query
// method wrapped so that every round trip is recorded while a request is injected. The chart
// statement is then sent again a few hundred times in a row, unloaded, and timed.
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/server/app.ts';
import { FsBlobStore } from '../../src/platform/blobs/fs-store.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { openDatabase } from '../../src/platform/db/open.ts';
import { RateLimits } from '../../src/platform/limits/rate-limits.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { DocumentVault } from '../../src/platform/document-vault/document-vault.ts';
import type { Backend } from './backends.ts';
import { benchFieldCipher, type BenchSecrets } from './bench-keys.ts';

export interface CountedRequest {
  label: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  cookie: string;
  body?: Record<string, unknown>;
  /** Sent first, not counted: fills the caches a request of this kind finds warm in a server. */
  warmUp?: string;
}

interface Recorded {
  text: string;
  parameters: readonly unknown[];
}

type QueryFn = (this: unknown, ...args: unknown[]) => Promise<unknown>;
const recorded: Recorded[] = [];
let recording = false;

/** Wraps a driver's query method (node-postgres's Client, PGlite) to record each call. */
function wrap(proto: { query: QueryFn }): void {
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (recording && typeof args[0] === 'string') {
      recorded.push({ text: args[0], parameters: (args[1] as unknown[] | undefined) ?? [] });
    } else if (recording && args[0] && typeof args[0] === 'object' && 'text' in args[0]) {
      // A named (prepared) statement: { name, text, values }.
      const q = args[0] as { text: string; values?: unknown[] };
      recorded.push({ text: q.text, parameters: q.values ?? [] });
    }
    return original.apply(this, args);
  };
}
wrap(pg.Client.prototype as unknown as { query: QueryFn });
wrap(PGlite.prototype as unknown as { query: QueryFn });

/** The tables a statement names after FROM, INTO or UPDATE, with their parenthesis depth. */
function tablesOf(text: string): { table: string; depth: number }[] {
  const found: { table: string; depth: number }[] = [];
  let depth = 0;
  const tokens = text.toLowerCase().match(/[()]|"?[a-z_][a-z0-9_]*"?/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '(') depth++;
    else if (t === ')') depth--;
    else if ((t === 'from' || t === 'into' || t === 'update') && tokens[i + 1] !== '(') {
      found.push({ table: (tokens[i + 1] ?? '?').replaceAll('"', ''), depth });
    }
  }
  return found;
}

/**
 * What one round trip did: "select sessions", "insert audit_events", "begin+scope"; a
 * statement made of subqueries (the chart) lists the tables they read.
 */
function labelOf(text: string): string {
  const t = text.trim().toLowerCase();
  if (t.startsWith('begin; select set_config')) return 'begin+scope';
  if (t.startsWith('select set_config')) return 'scope';
  if (t === 'begin' || t === 'commit' || t === 'rollback') return t;
  const verb = t.split(/\s+/)[0] ?? '?';
  // Common table expressions are named in the statement, not tables: leave their names out.
  const ctes = new Set([...t.matchAll(/(?:with|,)\s+"?([a-z_]+)"?\s+as\s*\(/g)].map((m) => m[1]));
  const tables = tablesOf(t).filter((x) => !ctes.has(x.table));
  const top = tables.find((x) => x.depth === 0);
  if (top && verb !== 'with') return `${verb} ${top.table}`;
  return `${verb} {${[...new Set(tables.map((x) => x.table))].join(' ')}}`;
}

/**
 * The real application built in this process (as the tests build it) on the backend's
 * database, with the server's secrets and the request budgets out of reach; `close` undoes it.
 */
export async function openInProcessApp(
  backend: Backend,
  secrets: BenchSecrets,
): Promise<{ app: Awaited<ReturnType<typeof buildApp>>; db: Database; close(): Promise<void> }> {
  const dataDir = backend.settings.HEARTH_DATA_DIR!;
  const db = await openDatabase({
    dataDir,
    databaseUrl: backend.settings.DATABASE_URL,
    databaseCaFile: undefined,
    databasePoolSize: 2,
  });
  const { keys, fields } = benchFieldCipher(secrets);
  const limits = new RateLimits();
  const app = await buildApp({
    config: {
      bodyLimitBytes: 1_048_576,
      tlsMode: 'auto',
      trustedProxies: [],
      // inject() sends Host: localhost:80.
      publicUrl: 'https://localhost:80',
      sessionRateLimit: 10_000_000,
      practiceRateLimit: 10_000_000,
    },
    db,
    logger: createLogger('silent'),
    sessionSecret: secrets.sessionSecret,
    fields,
    limits,
    vault: new DocumentVault(keys, new FsBlobStore(join(dataDir, 'blobs'))),
  });
  await app.ready();
  const close = async () => {
    await app.close();
    await limits.close();
    await db.close();
  };
  return { app, db, close };
}

/** `n round trips (m statements): a, b, c…` per request, and the chart's EXPLAIN ANALYZE. */
export async function countStatements(
  backend: Backend,
  secrets: BenchSecrets,
  requests: readonly CountedRequest[],
): Promise<string[]> {
  const { app, db, close } = await openInProcessApp(backend, secrets);
  try {
    const lines: string[] = [];
    for (const r of requests) {
      const inject = () =>
        app.inject({
          method: r.method,
          url: r.url,
          headers: { cookie: r.cookie, 'sec-fetch-site': 'same-origin' },
          ...(r.body ? { payload: r.body } : {}),
        });
      // The first request of a kind compiles schemas and fills the key caches: not counted.
      if (r.method === 'GET') await inject();
      if (r.warmUp) {
        await app.inject({ method: 'GET', url: r.warmUp, headers: { cookie: r.cookie } });
      }
      recorded.length = 0;
      recording = true;
      const answer = await inject().finally(() => (recording = false));
      if (answer.statusCode >= 300) {
        throw new Error(`${r.label}: ${answer.statusCode} ${answer.body.slice(0, 200)}`);
      }
      const statements = recorded.reduce((n, q) => n + q.text.split(/;\s+/).length, 0);
      const labels = recorded.map((q) => labelOf(q.text)).join(', ');
      lines.push(
        `${r.label}: ${recorded.length} round trips (${statements} statements): ${labels}`,
      );
      if (r.label.startsWith('chart')) lines.push(await timeLargest(db, recorded));
    }
    return lines;
  } finally {
    await close();
  }
}

const CALLS = 200;

/**
 * The chart's own statement (`select * from hearth_chart(…)`, the longest recorded) sent
 * CALLS times in a row, unloaded, as the server sends it: what one costs the database plus one
 * round trip, before any concurrency. The function opens its scope itself, so it runs on the
 * owner's connection.
 */
async function timeLargest(db: Database, queries: readonly Recorded[]): Promise<string> {
  const chart = [...queries]
    .filter((q) => !q.text.trimStart().toLowerCase().startsWith('begin;'))
    .sort((a, b) => b.text.length - a.text.length)[0]!;
  const owner = db.unsafeOwnerConnection();
  const query = CompiledQuery.raw(chart.text, [...chart.parameters]);
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    await owner.executeQuery(query);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p99 = times[Math.floor(times.length * 0.99)]!;
  return `chart statement alone, ${CALLS} in a row: mean ${mean.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`;
}
