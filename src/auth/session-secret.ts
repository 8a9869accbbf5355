import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../platform/db/open.ts';

/** HEARTH_SESSION_SECRET, or a random one kept (mode 0600) in the data directory. */
export function loadSessionSecret(options: {
  sessionSecret: string | undefined;
  dataDir: string;
}): string {
  if (options.sessionSecret) return options.sessionSecret;
  const path = join(options.dataDir, 'session-secret');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new StartupError(
        `cannot read the session secret ${path}: ${(err as NodeJS.ErrnoException).code}`,
      );
    }
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(path, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
