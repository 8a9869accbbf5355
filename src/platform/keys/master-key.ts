import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../db/open.ts';

/**
 * The secret that seals the local keyring: HEARTH_MASTER_KEY (base64 of 32 bytes) or the file
 * `master.key` beside the keyring, generated on first run. Returns whether it was just created,
 * so that the operator is told to back it up: without it, every encrypted record is lost.
 */
export function loadMasterKey(options: { masterKey: string | undefined; keysDir: string }): {
  key: Buffer;
  created: boolean;
  path: string | undefined;
} {
  if (options.masterKey) {
    const key = Buffer.from(options.masterKey, 'base64');
    if (key.length !== 32)
      throw new StartupError('HEARTH_MASTER_KEY must be 32 bytes, base64-encoded');
    return { key, created: false, path: undefined };
  }
  const path = join(options.keysDir, 'master.key');
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new StartupError(`${path} does not hold a 32-byte base64 key`);
    return { key, created: false, path };
  }
  mkdirSync(options.keysDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o400, flag: 'wx' });
  return { key, created: true, path };
}
