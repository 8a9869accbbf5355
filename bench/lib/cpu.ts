// Where the CPU went during a load phase, from Linux's /proc: the server process (on PGlite its
// database runs inside it), the PostgreSQL backends serving the bench database, this process
// (the load generator: it shares the machine's cores with the server), and everything else the machine
// ran meanwhile (other people's work). Off Linux, nothing is reported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
      `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    return rows.map((r) => r.pid);
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

  /** "CPU (cores busy of 2): server 1.21, postgres 0.42, autocannon 0.31, other work 0.06" */
  async describeSince(before: Snapshot): Promise<string> {
    const after = await this.snapshot();
    const seconds = (after.at - before.at) / 1000;
    let postgres = 0;
    for (const [pid, cpu] of after.postgres) postgres += cpu - (before.postgres.get(pid) ?? 0);
    const server = after.server - before.server;
    const bench = after.bench - before.bench;
    const cores = (after.machine.total - before.machine.total) / seconds;
    const busy = after.machine.busy - before.machine.busy;
    const other = Math.max(0, busy - server - bench - postgres);
    const share = (v: number) => (v / seconds).toFixed(2);
    const pgPart = this.#client ? `, postgres ${share(postgres)}` : '';
    return (
      `CPU (cores busy of ${Math.round(cores) || cpus().length}): server ${share(server)}${pgPart}, ` +
      `bench process ${share(bench)}, other work ${share(other)}`
    );
  }

  async close(): Promise<void> {
    await this.#client?.end();
  }
}
