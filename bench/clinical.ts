// The clinical core under load (issue #6): on PGlite and PostgreSQL, a practice seeded at
// realistic scale (clinical-seed.ts), then the real server under autocannon, 16 connections:
// opening charts, a clinician's week, saving and signing notes — with audit and field
// encryption on, as they always are. Each phase reports req/s, p50, p99, the server's peak RSS
// and where the CPU went; the SQL statements one request of each kind sends are counted in
// process beforehand (lib/statement-count.ts).
import { loadavg } from 'node:os';
import {
  seedClinical,
  FULL_SCALE,
  scaledDown,
  type ClinicalScale,
  type ClinicalSeed,
} from './clinical-seed.ts';
import { eachBackend, type Backend } from './lib/backends.ts';
import {
  benchSecrets,
  serverSettings,
  UNMET_BUDGETS,
  type BenchSecrets,
} from './lib/bench-keys.ts';
import { clinicalPhases, type Phase } from './lib/clinical-phases.ts';
import { CpuWatch } from './lib/cpu.ts';
import { withBenchDatabase } from './lib/database.ts';
import { walk } from './lib/load-walk.ts';
import { RssWatch } from './lib/rss-watch.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { countStatements, type CountedRequest } from './lib/statement-count.ts';
import { count } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

const CONNECTIONS = 16;
/** BENCH_SECONDS lengthens each phase, e.g. to profile one (see README). */
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
/** BENCH_PHASES=chart (words of the titles, comma-separated) runs only the phases named. */
const PHASES = (process.env.BENCH_PHASES ?? '').split(',').filter(Boolean);
/** Transactions the seeder runs at once: PGlite has a single session. */
const SEED_CONCURRENCY: Record<Backend['name'], number> = { PGlite: 1, PostgreSQL: 8 };
/**
 * Seeding PGlite at full scale takes about 2.5 minutes on this machine (one session, every
 * sealed value one more round trip): a quarter of the practice by default, with the same
 * densities (see scaledDown); BENCH_PGLITE_FULL=1 seeds it whole.
 */
const SCALE: Record<Backend['name'], ClinicalScale> = {
  PGlite: process.env.BENCH_PGLITE_FULL === '1' ? FULL_SCALE : scaledDown(4),
  PostgreSQL: FULL_SCALE,
};
const TITLE = 'clinical';
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

function seedRow(backend: Backend, seed: ClinicalSeed, scale: ClinicalScale): Row {
  const s = seed.seconds;
  const figures =
    `${count(scale.clients)} clients, ${count(scale.notes)} notes (${count(seed.counts.signedNotes)} signed, ` +
    `${count(seed.drafts.length)} drafts), ${count(scale.appointments)} appointments ` +
    `(${count(seed.counts.remarks)} sealed remarks), ${count(seed.counts.diagnoses)} diagnoses, ` +
    `${seed.counts.safetyPlans} safety plans, ${scale.clinicians} clinicians: ` +
    `${seed.totalSeconds.toFixed(1)} s (code sets ${s.codeSets.toFixed(1)}, staff ${s.staff.toFixed(1)}, ` +
    `clients ${s.clients.toFixed(1)}, appointments ${s.appointments.toFixed(1)}, notes ${s.notes.toFixed(1)}, ` +
    `vacuum analyze ${s.vacuum.toFixed(1)}); ${SEED_CONCURRENCY[backend.name]} transaction(s) at once`;
  const part =
    scale === FULL_SCALE
      ? 'full scale'
      : `1/${FULL_SCALE.clients / scale.clients} scale, same densities`;
  return { benchmark: `${TITLE}: seed (${part})`, backend: backend.name, figures };
}

/** One request of each kind, counted in process, before the server opens the database. */
function countedRequests(seed: ClinicalSeed, reserved: ClinicalSeed['drafts']): CountedRequest[] {
  const associate = seed.staff.clinicians.at(-1)!;
  const ownClient = seed.clients.find((c) => c.clinicianId === associate.userId)!;
  const from = new Date(Math.floor(Date.now() / 864e5) * 864e5);
  const to = new Date(from.getTime() + 7 * 864e5);
  const cookieOf = (userId: string) =>
    seed.staff.clinicians.find((c) => c.userId === userId)!.cookie;
  const [save, sign] = reserved;
  return [
    {
      label: 'chart (admin)',
      method: 'GET',
      url: `/api/v1/clients/${seed.clients[0]!.id}/chart`,
      cookie: seed.staff.admin.cookie,
    },
    {
      label: 'chart (associate)',
      method: 'GET',
      url: `/api/v1/clients/${ownClient.id}/chart`,
      cookie: associate.cookie,
    },
    {
      label: 'week',
      method: 'GET',
      url: `/api/v1/appointments?clinicianId=${associate.userId}&from=${from.toISOString()}&to=${to.toISOString()}`,
      cookie: associate.cookie,
    },
    {
      label: 'save',
      method: 'PATCH',
      url: `/api/v1/notes/${save!.id}`,
      warmUp: `/api/v1/notes/${save!.id}`,
      cookie: cookieOf(save!.authorId),
      body: { fields: { plan: 'Continue weekly sessions.' } },
    },
    {
      label: 'sign',
      method: 'POST',
      url: `/api/v1/notes/${sign!.id}/sign`,
      warmUp: `/api/v1/notes/${sign!.id}`,
      cookie: cookieOf(sign!.authorId),
    },
  ];
}

async function runPhase(server: RunningServer, backend: Backend, phase: Phase): Promise<Row> {
  const options = { origin: server.origin, connections: CONNECTIONS, next: phase.next };
  if (phase.warmUp > 0) await walk({ ...options, seconds: phase.warmUp });
  const cpu = await CpuWatch.open(server.pid, backend.settings.DATABASE_URL);
  try {
    const rss = new RssWatch(server.pid);
    const before = await cpu.snapshot();
    const loadBefore = load();
    const r = await walk({
      ...options,
      seconds: DURATION_S,
      ...(phase.amount ? { amount: phase.amount } : {}),
    });
    const cpuLine = await cpu.describeSince(before);
    const failed = r.non2xx + r.errors + r.timeouts;
    const figures = [
      `${count(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
      `${count(r.requests.total)} requests in ${r.duration.toFixed(1)} s${failed > 0 ? `, ${count(failed)} FAILED` : ', none failed'}`,
      rss.describe(),
      cpuLine,
      `load average ${loadBefore} → ${load()}`,
    ].join('; ');
    const title = `${TITLE}: ${phase.title} (${CONNECTIONS} conns)`;
    return {
      benchmark: title,
      backend: backend.name,
      figures,
      ...(failed > 0 ? { failed: true } : {}),
    };
  } finally {
    await cpu.close();
  }
}

async function measure(backend: Backend): Promise<Row[]> {
  const secrets: BenchSecrets = benchSecrets(backend);
  const scale = SCALE[backend.name];
  const seed = await withBenchDatabase(backend, SEED_CONCURRENCY[backend.name], (db) =>
    seedClinical(db, secrets, { scale, concurrency: SEED_CONCURRENCY[backend.name] }),
  );
  const rows = [seedRow(backend, seed, scale)];
  const reserved = seed.drafts.slice(0, 2);
  const drafts = seed.drafts.slice(2);
  const lines = await countStatements(backend, secrets, countedRequests(seed, reserved));
  rows.push({
    benchmark: `${TITLE}: SQL per request (in process)`,
    backend: backend.name,
    figures: lines.join('; '),
  });
  // One session per phase at hundreds of requests a second: far past the request budgets.
  const server = await startServer({ ...serverSettings(backend, secrets), ...UNMET_BUDGETS });
  try {
    for (const phase of clinicalPhases(seed, { save: drafts, sign: drafts })) {
      if (PHASES.length > 0 && !PHASES.some((p) => phase.title.includes(p))) continue;
      console.error(`bench: phase "${phase.title}" starts`);
      rows.push(await runPhase(server, backend, phase));
    }
  } finally {
    await server.stop();
  }
  return rows;
}

export const clinical: Benchmark = {
  name: 'clinical',
  run: () => eachBackend(TITLE, measure),
};
