import { createHash, randomBytes } from 'node:crypto';

/**
 * The one-time reply link of a reminder email: 32 random bytes, base64url, in the link only; the
 * database keeps its SHA-256, so a copy of the database answers no reminder.
 */
export function newReplyToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: replyTokenHash(token) };
}

/** SHA-256 of the token as it appears in the link (`/r/<token>`). */
export function replyTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
