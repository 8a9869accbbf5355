// The directory and settings of a server started as a user starts it (`as-run`, `soak`): the
// files `start` would have generated on a first run, and the settings it is started with.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Backend } from './backends.ts';
import { UNMET_BUDGETS, type BenchSecrets } from './bench-keys.ts';

/**
 * The files `start` would have generated on a first run (master key, session secret), written
 * beforehand so that the seeder seals and signs with them: the server then starts as on a
 * user's second run.
 */
export async function userDirectory(
  backend: Backend,
): Promise<{ cwd: string; secrets: BenchSecrets }> {
  const cwd = backend.settings.HEARTH_DATA_DIR!;
  const secrets: BenchSecrets = {
    keysDir: join(cwd, 'keys'),
    masterKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('base64url'),
  };
  await mkdir(join(cwd, 'data'), { recursive: true, mode: 0o700 });
  await mkdir(secrets.keysDir, { recursive: true, mode: 0o700 });
  await writeFile(join(secrets.keysDir, 'master.key'), `${secrets.masterKey}\n`, { mode: 0o400 });
  await writeFile(join(cwd, 'data', 'session-secret'), secrets.sessionSecret, { mode: 0o600 });
  return { cwd, secrets };
}

/** The backend as the seeder opens it: the database the server will, ./data for PGlite. */
export function seedingBackend(backend: Backend, cwd: string): Backend {
  return {
    name: backend.name,
    settings: { ...backend.settings, HEARTH_DATA_DIR: join(cwd, 'data') },
  };
}

/**
 * The server's settings: the database and the raised request budgets (README, "As a user runs
 * it"); every other setting at its default.
 */
export function userSettings(backend: Backend): Record<string, string> {
  return {
    ...(backend.settings.DATABASE_URL ? { DATABASE_URL: backend.settings.DATABASE_URL } : {}),
    ...UNMET_BUDGETS,
  };
}
