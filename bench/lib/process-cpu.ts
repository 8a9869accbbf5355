// CPU of the server process and of PostgreSQL during one measurement, from Linux's /proc. For
// PostgreSQL: every process named postgres (the backends serving the bench database, and the
// WAL writer, checkpointer and other helpers working for its commits) except the backends of
// other databases, which other work on a shared machine runs meanwhile.
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

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

interface Snapshot {
  at: number;
  server: number;
  postgres: Map<number, number>;
  /** This process (the load generator) and the whole machine's busy time. */
  bench: number;
  machine: number;
}

/** Busy CPU seconds of the whole machine, all cores. */
function machineBusy(): number {
  const values = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return (values.reduce((a, b) => a + b, 0) - idle) / TICKS_PER_SECOND;
}

export interface CpuShares {
  /** Cores busy on average (1.0 = one core's whole time). */
  server: number;
  postgres: number | undefined;
  /** The load generator (autocannon, in this process). */
  bench: number;
  /** Everything else the machine ran meanwhile: other people's work. */
  other: number;
}

export class ProcessCpu {
  readonly #serverPid: number;
  readonly #client: pg.Client | undefined;

  private constructor(serverPid: number, client: pg.Client | undefined) {
    this.#serverPid = serverPid;
    this.#client = client;
  }

  /** `databaseUrl` undefined: PGlite, whose database runs inside the server process. */
  static async open(serverPid: number, databaseUrl: string | undefined): Promise<ProcessCpu> {
    if (databaseUrl === undefined) return new ProcessCpu(serverPid, undefined);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new ProcessCpu(serverPid, client);
  }

  async snapshot(): Promise<Snapshot> {
    const postgres = new Map<number, number>();
    if (this.#client) {
      const { rows } = await this.#client.query<{ pid: number }>(
        `select pid from pg_stat_activity
          where datname is distinct from current_database() and backend_type = 'client backend'`,
      );
      const others = new Set(rows.map((r) => r.pid));
      for (const pid of postgresPids()) {
        if (others.has(pid)) continue;
        const cpu = cpuSeconds(pid);
        if (cpu !== undefined) postgres.set(pid, cpu);
      }
    }
    const usage = process.cpuUsage();
    return {
      at: performance.now(),
      server: cpuSeconds(this.#serverPid) ?? 0,
      postgres,
      bench: (usage.user + usage.system) / 1e6,
      machine: machineBusy(),
    };
  }

  /**
   * Shares since `before`. A PostgreSQL process that appeared meanwhile counts from zero only
   * if it is not another database's (checked at both ends).
   */
  async since(before: Snapshot): Promise<CpuShares> {
    const after = await this.snapshot();
    const seconds = (after.at - before.at) / 1000;
    let postgres = 0;
    for (const [pid, cpu] of after.postgres) postgres += cpu - (before.postgres.get(pid) ?? 0);
    const server = after.server - before.server;
    const bench = after.bench - before.bench;
    const busy = after.machine - before.machine;
    return {
      server: server / seconds,
      postgres: this.#client ? postgres / seconds : undefined,
      bench: bench / seconds,
      other: Math.max(0, busy - server - postgres - bench) / seconds,
    };
  }

  async close(): Promise<void> {
    await this.#client?.end();
  }
}
