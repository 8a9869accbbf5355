// Runs the real server as a child process (`node src/main.ts serve`) on a loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from './cleanup.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'main.ts');
const HOST = '127.0.0.1';
const POLL_MS = 20;
const READY_TIMEOUT_MS = 60_000;
/** `start` first builds the browser application when web/dist is missing or stale. */
const START_READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_TAIL = 4_000;

export interface RunningServer {
  pid: number;
  /** The HTTPS origin, e.g. https://127.0.0.1:41234 */
  origin: string;
  /** From spawn to the first 200 from /readyz. */
  coldStartMs: number;
  stop(): Promise<void>;
}

/** Every child still running, killed on any exit of the bench process as a last resort. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A port free on the loopback address right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port from listen');
  return address.port;
}

/**
 * The Node.js flags `npm start` runs the server with (package.json), so that a server started
 * as a user is started exactly as the README says.
 */
export function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts.start!.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('src/main.ts'));
}

/** The parent's environment without any Hearth setting. */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('HEARTH_') || key === 'DATABASE_URL' || key === 'REDIS_URL') continue;
    env[key] = value;
  }
  return env;
}

/** The parent's environment without Hearth settings, plus the given ones. */
function serverEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...bareEnv(),
    HEARTH_HOST: HOST,
    HEARTH_HTTP_PORT: '0',
    HEARTH_LOG_LEVEL: 'warn',
    ...settings,
  };
}

export interface StartOptions {
  /**
   * Start it as the README tells a user to: `start` (not `serve`) run from `cwd`, with only the
   * given settings and the ports (no log level or other bench defaults), so that every other
   * setting takes its default, relative paths (./data, ./keys) included.
   */
  asUser?: { cwd: string };
}

/**
 * Spawns `serve` with the given settings (HEARTH_DATA_DIR, DATABASE_URL…) on a free port and
 * resolves once /readyz answers 200; throws with the server's last output if it never does.
 */
export async function startServer(
  settings: Record<string, string>,
  options: StartOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const origin = `https://${HOST}:${port}`;
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  const spawnedAt = performance.now();
  const { asUser } = options;
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server; given
  // after npm start's own flags, it may also override them.
  const nodeArgs = [
    ...(asUser ? startScriptNodeFlags() : []),
    ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  ];
  // As a user: the plain-HTTP redirect listens too, on a port of its own.
  const env = asUser
    ? {
        ...bareEnv(),
        HEARTH_HOST: HOST,
        HEARTH_PORT: String(port),
        HEARTH_HTTP_PORT: String(await freePort()),
        ...settings,
      }
    : serverEnv({ ...settings, HEARTH_PORT: String(port) });
  const child = spawn(process.execPath, [...nodeArgs, MAIN, asUser ? 'start' : 'serve'], {
    cwd: asUser?.cwd ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const exited = once(child, 'exit').then(() => {
    live.delete(child);
  });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = async () => {
    if (live.has(child)) {
      child.kill('SIGTERM');
      const timer = sleep(STOP_TIMEOUT_MS).then(() => child.kill('SIGKILL'));
      await Promise.race([exited, timer]);
      await exited;
    }
    forget();
  };
  const forget = onCleanup(stop);
  try {
    await once(child, 'spawn');
    const timeout = asUser ? START_READY_TIMEOUT_MS : READY_TIMEOUT_MS;
    const readyAt = await waitForReady(`${origin}/readyz`, () => !live.has(child), timeout);
    return { pid: child.pid ?? 0, origin, coldStartMs: readyAt - spawnedAt, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}; server output:\n${output.trim()}`, { cause: err });
  }
}

/** Polls until a 200; resolves with performance.now() at that answer. */
async function waitForReady(
  url: string,
  hasExited: () => boolean,
  timeoutMs: number,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (hasExited()) throw new Error('the server exited before it was ready');
    if ((await statusOf(url)) === 200) return performance.now();
    await sleep(POLL_MS);
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

/** The status code of a GET, or undefined when nothing answers (yet). */
export function statusOf(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    // The server's certificate is self-signed, and the address is always loopback (HOST).
    const req = request(url, { rejectUnauthorized: false, agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

export interface CommandResult {
  code: number | null;
  /** From spawn to exit. */
  seconds: number;
  stdout: string;
  /** The last part of standard error (progress bars, warnings). */
  stderr: string;
}

/**
 * Runs a Hearth command (`node src/main.ts <args>`) as its own process with the server's kind
 * of environment (the same settings reach the same database, keyring and blob store); killed
 * at cleanup if still running, and after `timeoutMs` in any case. `onSpawn` learns its pid.
 */
export async function runCommand(
  args: readonly string[],
  settings: Record<string, string>,
  options: { timeoutMs: number; onSpawn?: (pid: number) => void },
): Promise<CommandResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    env: serverEnv(settings),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  });
  const kill = () => void child.kill('SIGKILL');
  const forget = onCleanup(kill);
  const timer = setTimeout(kill, options.timeoutMs);
  try {
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, seconds: (performance.now() - started) / 1000, stdout, stderr };
  } finally {
    clearTimeout(timer);
    forget();
    live.delete(child);
  }
}
