// Where the CPU went during a load phase, from Linux's /proc: the server process (on PGlite its
// database runs inside it), PostgreSQL (every process named postgres — the backends serving the
// bench database and the WAL writer, checkpointer and other helpers working for its commits —
// except other databases' backends, which other work on a shared machine runs), this process
// (the load generator: it shares the machine's cores with the server), and everything else the machine
// ran meanwhile (other people's work). Off Linux, nothing is reported.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import pg from 'pg';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return ticksPerSecond;
}

/** User + system CPU seconds of a process (all its threads), or 0 if it is gone. */
function processCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used by this process's children that have exited and been waited for (Linux's
 * cutime + cstime): the difference across a command's run is that command's CPU.
 */
export function exitedChildrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / clockTicks();
}

/** Busy and total CPU seconds of the whole machine (all cores). */
function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / clockTicks(), total: total / clockTicks() };
}

/** Processes named postgres: the server's backends and its helper processes. */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(+entry);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export interface CpuShares {
  /** Cores busy on average (1.0 = one core's whole time). */
  server: number;
  postgres: number | undefined;
  /** The load generator (autocannon, in this process). */
  bench: number;
  /** Everything else the machine ran meanwhile: other people's work. */
  other: number;
  /** The machine's cores. */
  cores: number;
}

interface Snapshot {
  at: number;
  server: number;
  bench: number;
  postgres: Map<number, number>;
  machine: { busy: number; total: number };
}

/**
 * Watches one phase. `databaseUrl`: the bench database, whose backends (found through
 * pg_stat_activity, this watcher's own excluded) are counted as PostgreSQL's share.
 */
export class CpuWatch {
  readonly #serverPid: number;
  readonly #client: pg.Client | undefined;

  private constructor(serverPid: number, client: pg.Client | undefined) {
    this.#serverPid = serverPid;
    this.#client = client;
  }

  static async open(serverPid: number, databaseUrl: string | undefined): Promise<CpuWatch> {
    if (databaseUrl === undefined) return new CpuWatch(serverPid, undefined);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new CpuWatch(serverPid, client);
  }

  async #backends(): Promise<number[]> {
    if (!this.#client) return [];
    const { rows } = await this.#client.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where pid = pg_backend_pid()
           or (datname is distinct from current_database() and backend_type = 'client backend')`,
    );
    const excluded = new Set(rows.map((r) => r.pid));
    return postgresPids().filter((pid) => !excluded.has(pid));
  }

  async snapshot(): Promise<Snapshot> {
    const postgres = new Map<number, number>();
    for (const pid of await this.#backends()) postgres.set(pid, processCpu(pid));
    const usage = process.cpuUsage();
    return {
      at: performance.now(),
      server: processCpu(this.#serverPid),
      bench: (usage.user + usage.system) / 1e6,
      postgres,
      machine: machineCpu(),
    };
  }

  /** Cores busy on average since `before`, by whom. */
  async sharesSince(before: Snapshot): Promise<CpuShares> {
    const after = await this.snapshot();
    const seconds = (after.at - before.at) / 1000;
    let postgres = 0;
    for (const [pid, cpu] of after.postgres) postgres += cpu - (before.postgres.get(pid) ?? 0);
    const server = after.server - before.server;
    const bench = after.bench - before.bench;
    const busy = after.machine.busy - before.machine.busy;
    return {
      server: server / seconds,
      postgres: this.#client ? postgres / seconds : undefined,
      bench: bench / seconds,
      other: Math.max(0, busy - server - bench - postgres) / seconds,
      cores: Math.round((after.machine.total - before.machine.total) / seconds) || cpus().length,
    };
  }

  /** "CPU (cores busy of 2): server 1.21, postgres 0.42, bench process 0.31, other work 0.06" */
  async describeSince(before: Snapshot): Promise<string> {
    const s = await this.sharesSince(before);
    const pgPart = s.postgres === undefined ? '' : `, postgres ${s.postgres.toFixed(2)}`;
    return (
      `CPU (cores busy of ${s.cores}): server ${s.server.toFixed(2)}${pgPart}, ` +
      `bench process ${s.bench.toFixed(2)}, other work ${s.other.toFixed(2)}`
    );
  }

  async close(): Promise<void> {
    await this.#client?.end();
  }
}
