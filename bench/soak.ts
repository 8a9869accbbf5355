// Soak (issue 23): does Hearth, started as a user starts it, hold a steady load for half an hour
// without failing or growing?
//
//   npm run bench -- soak                                             # 10 s warm-up, 30 min
//   BENCH_SOAK_MINUTES=2 BENCH_SOAK_WINDOW_SECONDS=30 npm run bench -- soak   # a quick check
//
// PostgreSQL only (whatever BENCH_BACKENDS says): a throwaway `hearth_bench_*` database on
// DATABASE_URL's server, seeded with the `as-run` practice of 10,000 clients
// (lib/as-run-seed.ts), and the server started as `as-run` starts it (`node src/main.ts start`
// from a directory of its own, lib/as-run-user.ts). Then the mixed loop of `as-run` (create a
// client → read it → search its family name, lib/as-run-workloads.ts) at a fixed total rate of
// 200 requests/s over 16 connections (autocannon's `overallRate`), after BENCH_WARMUP_SECONDS
// (10) of the same load unmeasured, for BENCH_SOAK_MINUTES (30).
//
// The load runs as one autocannon run per window of BENCH_SOAK_WINDOW_SECONDS (300), back to
// back, so that each window has its own latency histogram (the connections are opened again
// at each window's start). One row per window: requests, achieved rate, p50 and p99 (ms),
// failed requests (non-2xx + errors + timeouts), the server's RSS min–max in MiB (sampled every
// 10 s from /proc), the server's, PostgreSQL's and other work's CPU (100% = one core).
// Then a verdict row: total requests, total failures, and RSS flatness — (max − min) of the
// samples after the first window (the warm part), as a percentage of their median; "flat" when
// that is at most 10%. The run exits non-zero when any request failed or RSS is not flat.
import { seedPractice } from './lib/as-run-seed.ts';
import { seedingBackend, userDirectory, userSettings } from './lib/as-run-user.ts';
import { asRunWorkloads } from './lib/as-run-workloads.ts';
import { onPostgres, type Backend } from './lib/backends.ts';
import { CpuWatch } from './lib/cpu.ts';
import { withBenchDatabase } from './lib/database.ts';
import { sequence, type Step } from './lib/load-sequence.ts';
import { rssMb } from './lib/rss.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { count, median, pct } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

const TITLE = 'soak';
const CLIENTS = 10_000;
const SEED_CONCURRENCY = 4;
const RATE = 200;
const CONNECTIONS = 16;
const RSS_SAMPLE_S = 10;
/** The most (max − min) / median of the steady RSS samples may be, in percent. */
const FLAT_PERCENT = 10;
const WARM_UP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const SOAK_S = Math.round(Number(process.env.BENCH_SOAK_MINUTES ?? 30) * 60);
const WINDOW_S = Number(process.env.BENCH_SOAK_WINDOW_SECONDS ?? 300);

interface Sample {
  window: number;
  mb: number;
}

/** "4:30" */
const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

function row(cells: Record<string, string>, failed = false): Row {
  return {
    benchmark: TITLE,
    backend: 'PostgreSQL',
    figures: Object.entries(cells)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    cells,
    ...(failed ? { failed: true } : {}),
  };
}

/** Samples the server's RSS every RSS_SAMPLE_S, each tagged with the window it fell in. */
function sampleRss(pid: number, windowNow: () => number): { samples: Sample[]; stop(): void } {
  const samples: Sample[] = [];
  const take = () => {
    const mb = rssMb(pid);
    if (mb !== undefined) samples.push({ window: windowNow(), mb });
  };
  take();
  const timer = setInterval(take, RSS_SAMPLE_S * 1000);
  return { samples, stop: () => clearInterval(timer) };
}

async function soakOn(backend: Backend): Promise<Row[]> {
  const { cwd, secrets } = await userDirectory(backend);
  const started = performance.now();
  const practice = await withBenchDatabase(seedingBackend(backend, cwd), SEED_CONCURRENCY, (db) =>
    seedPractice(db, secrets, { count: CLIENTS, concurrency: SEED_CONCURRENCY }),
  );
  const seeded = ((performance.now() - started) / 1000).toFixed(0);
  console.error(`bench: ${TITLE}: seeded ${count(CLIENTS)} clients in ${seeded} s`);
  const mixed = asRunWorkloads(practice).find((w) => w.title.startsWith('mixed'));
  if (mixed === undefined) throw new Error('no mixed workload in lib/as-run-workloads.ts');
  const server = await startServer(userSettings(backend), { asUser: { cwd } });
  try {
    return await soakServer(backend, server, mixed.steps);
  } finally {
    await server.stop();
  }
}

async function soakServer(
  backend: Backend,
  server: RunningServer,
  steps: readonly Step[],
): Promise<Row[]> {
  const run = (seconds: number) =>
    sequence({
      origin: server.origin,
      connections: CONNECTIONS,
      seconds,
      steps,
      overallRate: RATE,
    });
  if (WARM_UP_S > 0) await run(WARM_UP_S);
  const windows = Math.max(1, Math.ceil(SOAK_S / WINDOW_S));
  let current = 0;
  const rss = sampleRss(server.pid, () => current);
  const cpu = await CpuWatch.open(server.pid, backend.settings.DATABASE_URL);
  const rows: Row[] = [];
  let requests = 0;
  let failures = 0;
  let seconds = 0;
  try {
    for (; current < windows; current++) {
      const from = current * WINDOW_S;
      const length = Math.min(WINDOW_S, SOAK_S - from);
      console.error(`bench: ${TITLE}: window ${current + 1} of ${windows} (${length} s)`);
      const before = await cpu.snapshot();
      const r = await run(length);
      const shares = await cpu.sharesSince(before);
      const failed = r.non2xx + r.errors + r.timeouts;
      requests += r.requests.total;
      failures += failed;
      seconds += r.duration;
      const mine = rss.samples.filter((s) => s.window === current).map((s) => s.mb);
      rows.push(
        row(
          {
            window: `${clock(from)}–${clock(from + length)}`,
            requests: count(r.requests.total),
            'rate /s': count(r.requests.total / r.duration),
            p50: `${r.latency.p50}`,
            p99: `${r.latency.p99}`,
            failed: count(failed),
            'server RSS MiB min–max':
              mine.length === 0
                ? '—'
                : `${Math.min(...mine).toFixed(0)}–${Math.max(...mine).toFixed(0)}`,
            'server CPU': pct(shares.server),
            'PG CPU': pct(shares.postgres),
            'other work CPU': pct(shares.other),
          },
          failed > 0,
        ),
      );
    }
  } finally {
    rss.stop();
    await cpu.close();
  }
  rows.push(verdict(requests, failures, seconds, rss.samples));
  return rows;
}

/** Total requests and failures, and whether RSS stayed flat after the first window. */
function verdict(requests: number, failures: number, seconds: number, samples: Sample[]): Row {
  const steady = samples.filter((s) => s.window > 0).map((s) => s.mb);
  const values = steady.length > 0 ? steady : samples.map((s) => s.mb);
  const middle = median(values);
  const spread = values.length === 0 ? Number.NaN : Math.max(...values) - Math.min(...values);
  const percent = (spread / middle) * 100;
  const flat = percent <= FLAT_PERCENT;
  const rssCell =
    `${flat ? 'flat' : 'NOT FLAT'}: ${spread.toFixed(0)} MiB spread = ${percent.toFixed(1)}% ` +
    `of ${middle.toFixed(0)} (limit ${FLAT_PERCENT}%, ${values.length} samples)`;
  console.error(
    `bench: ${TITLE}: ${count(failures)} failed of ${count(requests)}; RSS ${rssCell}` +
      (failures > 0 || !flat ? ' — FAILED' : ''),
  );
  return row(
    {
      window: 'verdict',
      requests: count(requests),
      'rate /s': count(requests / seconds),
      p50: '',
      p99: '',
      failed: `${count(failures)}${failures > 0 ? ' (must be 0)' : ''}`,
      'server RSS MiB min–max': rssCell,
      'server CPU': '',
      'PG CPU': '',
      'other work CPU': '',
    },
    failures > 0 || !flat,
  );
}

export const soak: Benchmark = {
  name: TITLE,
  byNameOnly: true,
  run: () => onPostgres(TITLE, soakOn),
};
