import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import {
  decodeSessionValue,
  encodeSessionValue,
  newSessionToken,
  hashToken,
} from './session-token.ts';

export type TokenPurpose = 'invitation' | 'password_reset';

export const TOKEN_LIFETIME_MINUTES: Record<TokenPurpose, number> = {
  invitation: 72 * 60,
  password_reset: 30,
};

/**
 * A single-use token for an emailed link. Like the session cookie it carries its practice id, so
 * redeeming it is a lookup inside that practice's scope; only its SHA-256 is stored. Issuing a
 * new one voids the user's earlier unused ones of the same purpose.
 */
export async function issueAccountToken(
  tx: Tx,
  userId: string,
  purpose: TokenPurpose,
  practiceId: string,
): Promise<string> {
  await sql`update account_tokens set used_at = now()
     where user_id = ${userId} and purpose = ${purpose} and used_at is null`.execute(tx);
  const { token, hash } = newSessionToken();
  await tx
    .insertInto('account_tokens')
    .values({
      user_id: userId,
      purpose,
      token_hash: hash,
      expires_at: new Date(Date.now() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000),
    })
    .execute();
  return encodeSessionValue(practiceId, token);
}

export function parseAccountToken(value: string): { practiceId: string; hash: Buffer } | null {
  const decoded = decodeSessionValue(value);
  return decoded ? { practiceId: decoded.practiceId, hash: hashToken(decoded.token) } : null;
}

/** Marks the token used and answers its user, or null if unknown, used, expired or of another purpose. */
export async function redeemAccountToken(
  tx: Tx,
  hash: Buffer,
  purpose: TokenPurpose,
): Promise<string | null> {
  const { rows } = await sql<{ user_id: string }>`update account_tokens set used_at = now()
     where token_hash = ${hash} and purpose = ${purpose} and used_at is null and expires_at > now()
     returning user_id`.execute(tx);
  return rows[0]?.user_id ?? null;
}
