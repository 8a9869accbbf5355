// The secrets a benchmark shares with the server it spawns: the keyring (directory and master
// key) that seals fields and wraps document keys, and the key that signs session cookies. The
// seeder seals with the very keyring the server then opens, and signs cookies the server accepts.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { signerFactory } from '@fastify/cookie';
import { encodeSessionValue, SESSION_COOKIE } from '../../src/auth/session-token.ts';
import { FieldCipher } from '../../src/platform/crypto/field.ts';
import { LocalKeyring } from '../../src/platform/keys/local-keyring.ts';
import type { Backend } from './backends.ts';

export interface BenchSecrets {
  keysDir: string;
  /** Base64 of 32 random bytes (HEARTH_MASTER_KEY). */
  masterKey: string;
  sessionSecret: string;
}

/** Fresh secrets for one backend's run, the keyring inside its temporary data directory. */
export function benchSecrets(backend: Backend): BenchSecrets {
  const dataDir = backend.settings.HEARTH_DATA_DIR;
  if (dataDir === undefined) throw new Error('the backend has no data directory');
  return {
    keysDir: join(dataDir, 'keys'),
    masterKey: randomBytes(32).toString('base64'),
    sessionSecret: randomBytes(32).toString('base64url'),
  };
}

/**
 * The server's settings: the backend's, the shared secrets, and the background jobs off (the
 * integrity scrub and scheduled re-keying would compete with what is being measured).
 */
export function serverSettings(backend: Backend, secrets: BenchSecrets): Record<string, string> {
  return {
    ...backend.settings,
    HEARTH_KEYS_DIR: secrets.keysDir,
    HEARTH_MASTER_KEY: secrets.masterKey,
    HEARTH_SESSION_SECRET: secrets.sessionSecret,
    HEARTH_SCRUB_SCHEDULE: 'off',
    HEARTH_REKEY_INTERVAL_DAYS: '0',
  };
}

/**
 * For the benchmarks that load one session (and one practice) far past the request budgets
 * (HEARTH_SESSION_RATE_LIMIT, default 600 a minute; HEARTH_PRACTICE_RATE_LIMIT, 10,000): 16
 * connections on one cookie ask for hundreds of requests a second, and the defaults would
 * answer 429 within a second. Raised so that the work is measured — the budgets are still
 * counted on every request, only never met.
 */
export const UNMET_BUDGETS = {
  HEARTH_SESSION_RATE_LIMIT: '10000000',
  HEARTH_PRACTICE_RATE_LIMIT: '10000000',
} as const;

/** The server's field encryption, in this process: the same keyring, so the same keys. */
export function benchFieldCipher(secrets: BenchSecrets): {
  keys: LocalKeyring;
  fields: FieldCipher;
} {
  const keys = new LocalKeyring(secrets.keysDir, Buffer.from(secrets.masterKey, 'base64'));
  return { keys, fields: new FieldCipher(keys) };
}

/** The Cookie header of a session, signed as the server's @fastify/cookie signs it. */
export function sessionCookie(secrets: BenchSecrets, practiceId: string, token: string): string {
  const signed = signerFactory(secrets.sessionSecret, 'sha256').sign(
    encodeSessionValue(practiceId, token),
  );
  return `${SESSION_COOKIE}=${encodeURIComponent(signed)}`;
}
