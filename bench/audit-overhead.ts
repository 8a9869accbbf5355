// What writing an audit event costs a read: the same read without and with audit(), with the
// sealer running during the audited phase as in production. Measured in-process at the data
// layer (closed loops) and over HTTPS (autocannon against the real app plus bench-only routes).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { audit } from '../src/platform/audit-trail/record.ts';
import { sealPractice } from '../src/platform/audit-trail/seal.ts';
import type { Database, Tx } from '../src/platform/db/database.ts';
import { eachBackend, type Backend } from './lib/backends.ts';
import { startChild } from './lib/child.ts';
import { createBenchPractice, withBenchDatabase } from './lib/database.ts';
import { load, type LoadResult } from './lib/load.ts';
import { describeLoops, timedLoops, type LoopResult } from './lib/loops.ts';
import { count } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

const POOL_SIZE = 16;
/** PGlite has one session: more loops would only queue behind it. */
const LOOPS: Record<Backend['name'], number> = { PGlite: 1, PostgreSQL: POOL_SIZE };
const CONNECTIONS = 16;
const WARM_UP_S = 2;
const DURATION_S = 8;
const SEAL_INTERVAL_MS = 500;
const IN_PROCESS = `audit overhead, in-process read (PGlite 1 loop, PostgreSQL ${LOOPS.PostgreSQL} loops, ${DURATION_S} s)`;
const OVER_HTTPS = `audit overhead, GET over HTTPS (${CONNECTIONS} conns, ${DURATION_S} s)`;
const CHILD = join(import.meta.dirname, 'lib', 'audit-read-server.ts');

/** sealPractice every SEAL_INTERVAL_MS until stopped, like AuditSealer; stop() drains the rest. */
function startSealing(db: Database, practiceId: string): { stop(): Promise<number> } {
  let stopped = false;
  let sealed = 0;
  const loop = (async () => {
    while (!stopped) {
      sealed += await sealPractice(db, practiceId);
      await sleep(SEAL_INTERVAL_MS);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return sealed + (await sealPractice(db, practiceId));
    },
  };
}

function overhead(plain: number, audited: number): string {
  return `${(((plain - audited) / plain) * 100).toFixed(0)}% fewer/s`;
}

async function inProcess(backend: Backend): Promise<Row[]> {
  const loops = LOOPS[backend.name];
  return withBenchDatabase(backend, POOL_SIZE, async (db) => {
    const practiceId = await createBenchPractice(db);
    const actor = { type: 'user' as const, userId: randomUUID(), role: 'admin' };
    const read = (tx: Tx) =>
      tx
        .selectFrom('practices')
        .select(['id', 'name', 'status'])
        .where('id', '=', practiceId)
        .executeTakeFirstOrThrow();
    const plain = () => db.withPractice(practiceId, read);
    const audited = () =>
      db.withPractice(practiceId, async (tx) => {
        const row = await read(tx);
        const context = { actor, ip: '127.0.0.1', requestId: randomUUID() };
        await audit(tx, context, { action: 'client.read', subjectType: 'client', subjectId: 'x' });
        return row;
      });

    await timedLoops(loops, WARM_UP_S, plain);
    const a = await timedLoops(loops, DURATION_S, plain);
    const sealing = startSealing(db, practiceId);
    let b: LoopResult;
    try {
      await timedLoops(loops, WARM_UP_S, audited);
      b = await timedLoops(loops, DURATION_S, audited);
    } finally {
      await sealing.stop().catch(() => 0);
    }
    const figures =
      `without audit ${describeLoops(a)}; with audit + sealer ${describeLoops(b)}; ` +
      `overhead ${overhead(a.perSecond, b.perSecond)}, p50 +${(b.p50 - a.p50).toFixed(2)} ms`;
    return [{ benchmark: IN_PROCESS, backend: backend.name, figures }];
  });
}

function describeLoad(r: LoadResult): string {
  return `${count(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`;
}

async function overHttps(backend: Backend): Promise<Row[]> {
  const settings = { ...backend.settings, HEARTH_DATABASE_POOL_SIZE: String(POOL_SIZE) };
  const server = await startChild(CHILD, settings);
  try {
    const measure = async (path: string) => {
      const url = `${server.origin}${path}`;
      await load({ url, connections: CONNECTIONS, duration: WARM_UP_S });
      return load({ url, connections: CONNECTIONS, duration: DURATION_S });
    };
    const a = await measure('/bench/read');
    const b = await measure('/bench/read-audited');
    const failures = [a, b].reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    const figures =
      `without audit ${describeLoad(a)}; with audit ${describeLoad(b)}; ` +
      `overhead ${overhead(a.requests.average, b.requests.average)}` +
      (failures > 0 ? `; ${count(failures)} failed requests` : '');
    const row: Row = { benchmark: OVER_HTTPS, backend: backend.name, figures };
    return [failures > 0 ? { ...row, failed: true } : row];
  } finally {
    await server.stop();
  }
}

export const auditOverhead: Benchmark = {
  name: 'audit-overhead',
  run: async () => [
    ...(await eachBackend(IN_PROCESS, inProcess)),
    ...(await eachBackend(OVER_HTTPS, overHttps)),
  ],
};
