// Runs a bench-only server script (not src/main.ts) as a child process on a loopback port,
// ready once /readyz answers 200. See server.ts for the real server.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from './cleanup.ts';
import { freePort, statusOf } from './server.ts';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningChild {
  pid: number;
  origin: string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Spawns `node <script>` with the given Hearth settings and HEARTH_PORT set to a free port. */
export async function startChild(
  script: string,
  settings: Record<string, string>,
): Promise<RunningChild> {
  const port = await freePort();
  const origin = `https://${HOST}:${port}`;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('HEARTH_') && key !== 'DATABASE_URL' && key !== 'REDIS_URL') {
      env[key] = value;
    }
  }
  Object.assign(env, { HEARTH_HOST: HOST, HEARTH_LOG_LEVEL: 'warn' }, settings);
  env.HEARTH_PORT = String(port);
  let output = '';
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const exited = once(child, 'exit').then(() => void live.delete(child));
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = async () => {
    forget();
    if (!live.has(child)) return;
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => child.kill('SIGKILL'))]);
    await exited;
  };
  const forget = onCleanup(stop);
  try {
    await once(child, 'spawn');
    const deadline = performance.now() + READY_TIMEOUT_MS;
    while ((await statusOf(`${origin}/readyz`)) !== 200) {
      if (!live.has(child)) throw new Error('the child exited before it was ready');
      if (performance.now() > deadline) throw new Error('no 200 from /readyz in time');
      await sleep(50);
    }
    return { pid: child.pid ?? 0, origin, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}; output:\n${output.trim()}`, { cause: err });
  }
}
