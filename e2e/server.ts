// A real Hearth server for the browser tests: `node src/main.ts serve` on a fresh embedded
// database (PGlite) in a temporary data and keys directory, on free loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMailbox } from './mailbox.ts';
import { startPhone, type Phone } from './phone.ts';

const ROOT = join(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  /** Where the emails Hearth sent are kept, one JSON file each. */
  mailDir: string;
  /** Where the text messages Hearth sent (through the fake Twilio) are kept, one JSON file each. */
  smsDir: string;
  /** The fake Twilio account the server sends through. */
  twilio: Phone['env'];
  stop(): Promise<void>;
}

export async function startHearth(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-e2e-'));
  const port = await freePort();
  const mailbox = await startMailbox(dir);
  const phone = await startPhone(dir);
  // Only what the server needs: a DATABASE_URL or REDIS_URL from the caller's shell must not
  // point the browser tests at a real database.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HEARTH_DATA_DIR: join(dir, 'data'),
    HEARTH_KEYS_DIR: join(dir, 'keys'),
    // One address family: "localhost" may also be ::1, where another process can hold the port.
    HEARTH_HOST: '127.0.0.1',
    HEARTH_PORT: String(port),
    HEARTH_HTTP_PORT: '0',
    HEARTH_LOG_LEVEL: 'warn',
    ...mailbox.env,
    ...phone.env,
  };
  const child: ChildProcess = spawn(process.execPath, ['src/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // localhost, not the IP: WebAuthn refuses IP addresses as relying-party ids.
  const url = `https://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await mailbox.close();
    await phone.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (!/Hearth is running at/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Hearth did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, mailDir: mailbox.dir, smsDir: phone.dir, twilio: phone.env, stop };
}
