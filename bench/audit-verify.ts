// Audit chain verification at scale: bulk-insert events for one practice, seal them with the
// real sealer (sealPractice), then time verifyAuditChains over the whole chain.
import { sql } from 'kysely';
import { sealPractice } from '../src/platform/audit-trail/seal.ts';
import { verifyAuditChains } from '../src/platform/audit-trail/verify.ts';
import type { Database } from '../src/platform/db/database.ts';
import { eachBackend, type Backend } from './lib/backends.ts';
import { createBenchPractice, withBenchDatabase } from './lib/database.ts';
import { peakRssMb, resetPeakRss } from './lib/rss.ts';
import { count } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

/** PGlite (single session, WebAssembly) gets a fifth of PostgreSQL's chain to stay quick. */
const EVENTS: Record<Backend['name'], number> = { PGlite: 200_000, PostgreSQL: 1_000_000 };
const INSERT_BATCH = 100_000;
const TITLE = 'audit chain seal + verify';

/** Events shaped like a user's reads, inserted with their audit_pending rows, as audit() does. */
async function bulkInsert(db: Database, practiceId: string, n: number): Promise<void> {
  const user = '00000000-0000-4000-8000-000000000001';
  await db.withPractice(practiceId, (tx) =>
    sql`with e as (
          insert into audit_events (actor_type, actor_user_id, actor_role, action, subject_type,
                                    subject_id, outcome, ip, user_agent, request_id, detail)
          select 'user', ${user}::uuid, 'admin', 'client.read', 'client', gen_random_uuid()::text,
                 'success', '127.0.0.1', 'bench', gen_random_uuid()::text, '{}'::jsonb
            from generate_series(1, ${n}::int)
          returning id)
        insert into audit_pending (event_id) select id from e`.execute(tx),
  );
}

/** Autovacuum may be off: fresh statistics so the planner sees the real table sizes. */
async function analyze(db: Database): Promise<void> {
  await sql`analyze audit_events, audit_pending, audit_seals`.execute(db.unsafeOwnerConnection());
}

function peakRss(reset: boolean): string {
  const peak = peakRssMb(process.pid);
  if (peak !== undefined) return `${peak.toFixed(0)} MB${reset ? '' : ' (since start)'}`;
  return `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (since start)`;
}

async function measure(backend: Backend): Promise<Row[]> {
  const total = EVENTS[backend.name];
  return withBenchDatabase(backend, 4, async (db) => {
    const practiceId = await createBenchPractice(db);
    let t = performance.now();
    for (let done = 0; done < total; done += INSERT_BATCH) {
      await bulkInsert(db, practiceId, Math.min(INSERT_BATCH, total - done));
    }
    const insertS = (performance.now() - t) / 1_000;
    await analyze(db);

    t = performance.now();
    const sealed = await sealPractice(db, practiceId);
    const sealS = (performance.now() - t) / 1_000;
    if (sealed !== total) throw new Error(`sealed ${sealed} of ${total} events`);
    await analyze(db);

    const reset = resetPeakRss(process.pid);
    t = performance.now();
    const report = await verifyAuditChains(db, [practiceId]);
    const verifyS = (performance.now() - t) / 1_000;
    const rss = peakRss(reset);
    if (!report.intact || report.events !== total) {
      throw new Error(`verify: intact=${report.intact}, ${report.events} of ${total} events`);
    }
    const figures = [
      `${count(total)} events${backend.name === 'PGlite' ? ' (PGlite: 200k, not 1M)' : ''}`,
      `bulk insert ${insertS.toFixed(1)} s`,
      `seal ${sealS.toFixed(1)} s = ${count(total / sealS)} events/s`,
      `verify ${verifyS.toFixed(1)} s = ${count(total / verifyS)} events/s, intact`,
      `bench process peak RSS during verify ${rss}`,
    ];
    return [{ benchmark: TITLE, backend: backend.name, figures: figures.join('; ') }];
  });
}

export const auditVerify: Benchmark = {
  name: 'audit-verify',
  run: () => eachBackend(TITLE, measure),
};
