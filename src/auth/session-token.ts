import { createHash, randomBytes } from 'node:crypto';

// __Host-: the browser accepts it only over HTTPS, for this exact host, with Path=/ — no
// subdomain or plain-HTTP page can plant or overwrite it.
export const SESSION_COOKIE = '__Host-hearth_session';

export const SESSION_ABSOLUTE_HOURS = 8;

/** 256 random bits; the database keeps only their SHA-256. */
export function newSessionToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The cookie carries the practice id beside the token, so the session is looked up inside that
 * practice's row-level-security scope; a forged practice id finds nothing.
 */
export function encodeSessionValue(practiceId: string, token: string): string {
  return `${practiceId}.${token}`;
}

export function decodeSessionValue(value: string): { practiceId: string; token: string } | null {
  const [practiceId, token, ...rest] = value.split('.');
  if (rest.length > 0 || !practiceId || !token || !UUID.test(practiceId) || !TOKEN.test(token)) {
    return null;
  }
  return { practiceId, token };
}
