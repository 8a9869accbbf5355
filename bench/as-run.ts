// Hearth as a user runs it (issue 23): `node src/main.ts start` from a directory of its own,
// with DATABASE_URL set for PostgreSQL (unset: PGlite) and every other setting at its default
// (TLS with a self-signed certificate, log level info to standard output, a pool of 10, the
// keyring in ./keys and the data in ./data), against a practice of 10,000 then 100,000 clients
// (lib/as-run-seed.ts). Each workload (lib/as-run-workloads.ts) runs at 16 and 64 connections
// after a warm-up; the machine's own limit (`select 1` over a pool, GET /healthz) is measured in
// the same run. At the largest size on PostgreSQL, the plans of every statement on the hot paths
// are written to docs/performance/plans.md.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { eachBackend, type Backend } from './lib/backends.ts';
import { capturePlans, type PlannedRequest } from './lib/as-run-plans.ts';
import { growPractice, seedPractice, type AsRunPractice } from './lib/as-run-seed.ts';
import { seedingBackend, userDirectory, userSettings } from './lib/as-run-user.ts';
import { asRunWorkloads, type Workload } from './lib/as-run-workloads.ts';
import { withBenchDatabase } from './lib/database.ts';
import { sequence } from './lib/load-sequence.ts';
import { load } from './lib/load.ts';
import { selectOneRate } from './lib/machine-limits.ts';
import { CpuWatch } from './lib/cpu.ts';
import { RssWatch } from './lib/rss-watch.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { count, pct } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

const list = (name: string, fallback: string) =>
  (process.env[name] ?? fallback).split(',').filter(Boolean);
/** Seconds of unmeasured load before each measurement, and of each measurement. */
const WARM_UP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = list('BENCH_CONNECTIONS', '16,64').map(Number);
const SIZES: Record<Backend['name'], number[]> = {
  PostgreSQL: list('BENCH_SIZES', '10000,100000').map(Number),
  PGlite: list('BENCH_PGLITE_SIZES', '10000,100000').map(Number),
};
/** BENCH_WORKLOADS=search,chart (words of the titles) runs only those. */
const ONLY = list('BENCH_WORKLOADS', '');
const SEED_CONCURRENCY: Record<Backend['name'], number> = { PGlite: 1, PostgreSQL: 4 };
const PLANS = join(import.meta.dirname, '..', 'docs', 'performance', 'plans.md');
/** Plans are written at the largest size on PostgreSQL when it has at least this many clients. */
const PLANS_AT = Number(process.env.BENCH_PLANS_AT ?? 100_000);
const TITLE = 'as-run';

function cellsRow(
  backend: Backend,
  clients: number,
  workload: string,
  cells: Record<string, string>,
  failed = false,
): Row {
  return {
    benchmark: `${TITLE}: ${workload}`,
    backend: backend.name,
    figures: Object.entries(cells)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    cells: { clients: count(clients), ...cells },
    ...(failed ? { failed: true } : {}),
  };
}

const EMPTY = {
  'server CPU': '',
  'server RSS MiB': '',
  'PG CPU': '',
} as const;

async function machineLimits(
  backend: Backend,
  server: RunningServer,
  clients: number,
): Promise<Row[]> {
  const rows: Row[] = [];
  const url = backend.settings.DATABASE_URL;
  for (const c of url === undefined ? [1] : CONNECTIONS) {
    const rate = await selectOneRate(url, c, Math.min(DURATION_S, 10));
    rows.push(
      cellsRow(backend, clients, 'limit: bare select 1 (no HTTP)', {
        c: String(c),
        'rate /s': count(rate),
        p50: '',
        p99: '',
        failed: '',
        ...EMPTY,
      }),
    );
  }
  for (const c of CONNECTIONS) {
    rows.push(
      await measure(backend, server, clients, 'limit: GET /healthz', c, (seconds) =>
        load({ url: `${server.origin}/healthz`, connections: c, duration: seconds }),
      ),
    );
  }
  return rows;
}

async function measure(
  backend: Backend,
  server: RunningServer,
  clients: number,
  title: string,
  connections: number,
  run: (seconds: number) => ReturnType<typeof load>,
  perOperation = 1,
): Promise<Row> {
  console.error(`bench: ${backend.name} ${count(clients)}: ${title}, c=${connections}`);
  if (WARM_UP_S > 0) await run(WARM_UP_S);
  const cpu = await CpuWatch.open(server.pid, backend.settings.DATABASE_URL);
  try {
    const rss = new RssWatch(server.pid);
    const before = await cpu.snapshot();
    const r = await run(DURATION_S);
    const shares = await cpu.sharesSince(before);
    const peak = rss.stop();
    const failed = r.non2xx + r.errors + r.timeouts;
    return cellsRow(
      backend,
      clients,
      title,
      {
        c: String(connections),
        'rate /s': count(r.requests.average / perOperation),
        p50: `${r.latency.p50}`,
        p99: `${r.latency.p99}`,
        failed: count(failed),
        'server CPU': pct(shares.server),
        'server RSS MiB': peak === undefined ? '—' : peak.toFixed(0),
        'PG CPU': pct(shares.postgres),
        'autocannon CPU': pct(shares.bench),
        'other work CPU': pct(shares.other),
      },
      failed > 0,
    );
  } finally {
    await cpu.close();
  }
}

async function runWorkload(
  backend: Backend,
  server: RunningServer,
  clients: number,
  workload: Workload,
): Promise<Row[]> {
  const rows: Row[] = [];
  const title = workload.unit === 'req/s' ? workload.title : `${workload.title} (${workload.unit})`;
  for (const c of CONNECTIONS) {
    rows.push(
      await measure(
        backend,
        server,
        clients,
        title,
        c,
        (seconds) =>
          sequence({ origin: server.origin, connections: c, seconds, steps: workload.steps }),
        workload.perOperation,
      ),
    );
  }
  return rows;
}

/** One request of each hot path, for the plans. */
function plannedRequests(
  practice: AsRunPractice,
): (PlannedRequest | ((p: unknown) => PlannedRequest))[] {
  const admin = practice.staff.admin.cookie;
  const rich = practice.rich[0]!;
  const clinician = practice.staff.clinicians.find((c) => c.userId === rich.clinicianId)!;
  const newClient = { firstName: 'Ada', lastName: 'Okafor', dateOfBirth: '1984-05-06' };
  const soap = {
    subjective: 'Slept better.',
    objective: 'Calm.',
    assessment: 'Improving.',
    plan: 'Weekly.',
  };
  return [
    { label: 'read one client', method: 'GET', url: `/api/v1/clients/${practice.clients[practice.clients.length - 1]!.id}`, cookie: admin },
    { label: 'open a chart', method: 'GET', url: `/api/v1/clients/${rich.id}/chart`, cookie: admin },
    { label: 'name search, Smith (7%)', method: 'GET', url: '/api/v1/clients?search=Smith&limit=20', cookie: admin },
    { label: 'name search, a rare family name', method: 'GET', url: '/api/v1/clients?search=Bakerdor&limit=20', cookie: admin },
    { label: 'create a client', method: 'POST', url: '/api/v1/clients', cookie: admin, body: newClient },
    { label: 'write a note', method: 'POST', url: `/api/v1/clients/${rich.id}/notes`, cookie: clinician.cookie, body: { template: 'soap', fields: soap } },
    (previous) => ({ label: 'sign the note', method: 'POST', url: `/api/v1/notes/${(previous as { id: string }).id}/sign`, cookie: clinician.cookie }),
  ]; // prettier-ignore
}

async function measureBackend(backend: Backend): Promise<Row[]> {
  const { cwd, secrets } = await userDirectory(backend);
  const seedBackend = seedingBackend(backend, cwd);
  const concurrency = SEED_CONCURRENCY[backend.name];
  const sizes = SIZES[backend.name];
  const rows: Row[] = [];
  let practice: AsRunPractice | undefined;
  for (const size of sizes) {
    const started = performance.now();
    practice = await withBenchDatabase(seedBackend, concurrency, (db) =>
      practice === undefined
        ? seedPractice(db, secrets, { count: size, concurrency })
        : growPractice(db, secrets, practice, { count: size, concurrency }),
    );
    const seeded = (performance.now() - started) / 1000;
    console.error(
      `bench: ${backend.name}: seeded to ${count(size)} clients in ${seeded.toFixed(0)} s`,
    );
    rows.push({
      benchmark: `${TITLE}: seed`,
      backend: backend.name,
      figures: `${count(size)} clients: ${seeded.toFixed(0)} s`,
    });
    if (backend.name === 'PostgreSQL' && size === Math.max(...sizes) && size >= PLANS_AT) {
      await mkdir(join(PLANS, '..'), { recursive: true });
      await capturePlans(seedBackend, secrets, plannedRequests(practice), plansHeader(size), PLANS);
      console.error(`bench: plans written to ${PLANS}`);
    }
    const server = await startServer(userSettings(backend), { asUser: { cwd } });
    try {
      // BENCH_LIMITS=off: only the workloads (e.g. to profile one).
      if (process.env.BENCH_LIMITS !== 'off') {
        rows.push(...(await machineLimits(backend, server, size)));
      }
      for (const workload of asRunWorkloads(practice)) {
        if (ONLY.length > 0 && !ONLY.some((w) => workload.title.includes(w))) continue;
        rows.push(...(await runWorkload(backend, server, size, workload)));
      }
    } finally {
      await server.stop();
    }
  }
  return rows;
}

function plansHeader(size: number): string {
  return `# Plans of the hot paths at ${count(size)} clients

Written by \`npm run bench -- as-run\` (bench/as-run.ts) on PostgreSQL, ${new Date().toISOString().slice(0, 10)}:
every statement one request of each kind runs, as PostgreSQL executed it (auto_explain with
\`log_analyze\`, \`log_buffers\` and \`log_nested_statements\`, so the statements inside
\`hearth_chart()\` appear just before the call that ran them). The practice: ${count(size)} clients,
about 7% named Smith, 500 with 20 appointments and 10 signed notes; \`VACUUM ANALYZE\` after
seeding. Compare a new run's file with this one: a plan that changes shape is a regression to
explain. Timings in it are of one unloaded request on a shared machine.
`;
}

export const asRun: Benchmark = {
  name: 'as-run',
  run: () => eachBackend(TITLE, measureBackend),
};
