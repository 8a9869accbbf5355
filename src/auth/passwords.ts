import { normalizePassword } from './password-text.ts';
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** Current cost. Stored with every hash, so raising it later re-hashes at the next sign-in. */
export const SCRYPT = { log2N: 17, r: 8, p: 1, keylen: 32, saltBytes: 16 } as const;

interface Parsed {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function options(log2N: number, r: number, p: number): ScryptOptions {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below N=2^17.
  return { N: 2 ** log2N, r, p, maxmem: 256 * 2 ** 20 };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const { log2N, r, p, keylen } = SCRYPT;
  const hash = await scrypt(normalizePassword(password), salt, keylen, options(log2N, r, p));
  return ['scrypt', log2N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

function parse(stored: string): Parsed | undefined {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return undefined;
  return {
    log2N: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
  };
}

export interface PasswordCheck {
  ok: boolean;
  /** The hash was made with weaker parameters than today's: store a new one. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const parsed = parse(stored);
  if (!parsed) return { ok: false, needsRehash: false };
  const candidate = await scrypt(
    normalizePassword(password),
    parsed.salt,
    parsed.hash.length,
    options(parsed.log2N, parsed.r, parsed.p),
  );
  // Constant-time comparison: no early exit that would time how many bytes matched.
  const ok = candidate.length === parsed.hash.length && timingSafeEqual(candidate, parsed.hash);
  const needsRehash = parsed.log2N < SCRYPT.log2N || parsed.r < SCRYPT.r || parsed.p < SCRYPT.p;
  return { ok, needsRehash: ok && needsRehash };
}

/**
 * Checked against when an email is unknown, so that an unknown and a known email cost the
 * same time (no account enumeration by timing).
 */
export const DUMMY_HASH_PROMISE = hashPassword(randomBytes(24).toString('base64'));
