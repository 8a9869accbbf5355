import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Sealed } from '../../platform/db/schema.ts';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.ts';

export async function selectMfaState(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .select([
      'email',
      'totp_secret',
      'totp_pending_secret',
      'totp_enabled_at',
      'totp_last_step',
      'sms_enabled_at',
    ])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function setPendingTotp(tx: Tx, userId: string, sealed: Sealed): Promise<void> {
  await tx
    .updateTable('users')
    .set({ totp_pending_secret: sealed })
    .where('id', '=', userId)
    .execute();
}

export async function enableTotp(
  tx: Tx,
  userId: string,
  sealed: Sealed,
  step: number,
): Promise<void> {
  await tx
    .updateTable('users')
    .set({
      totp_secret: sealed,
      totp_pending_secret: null,
      totp_enabled_at: new Date(),
      totp_last_step: String(step),
    })
    .where('id', '=', userId)
    .execute();
}

/** Accepts a step only if it is later than the last used one: atomic, so a replay loses. */
export async function claimTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const result = await sql`update users set totp_last_step = ${step}
     where id = ${userId} and (totp_last_step is null or totp_last_step < ${step})`.execute(tx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function replaceRecoveryCodes(
  tx: Tx,
  userId: string,
  hashes: Buffer[],
): Promise<void> {
  await tx.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await tx
    .insertInto('mfa_recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

export async function useRecoveryCode(tx: Tx, userId: string, hash: Buffer): Promise<boolean> {
  const result = await sql`update mfa_recovery_codes set used_at = now()
     where user_id = ${userId} and code_hash = ${hash} and used_at is null`.execute(tx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Waits for the session's row, then answers whether the session is still open (not revoked). */
export async function lockOpenSession(tx: Tx, sessionId: string): Promise<boolean> {
  const { rows } = await sql<{ open: boolean }>`select revoked_at is null as open from sessions
     where id = ${sessionId} for no key update`.execute(tx);
  return rows[0]?.open ?? false;
}

export async function countMfaFailure(tx: Tx, sessionId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`update sessions set mfa_failures = mfa_failures + 1
     where id = ${sessionId} returning mfa_failures as n`.execute(tx);
  return rows[0]?.n ?? 0;
}

/**
 * A newly enrolled factor comes with recovery codes only if the user has none left: enrolling a
 * second factor must not silently void the codes they wrote down for the first.
 */
export async function issueRecoveryCodesIfNone(tx: Tx, userId: string): Promise<string[]> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from mfa_recovery_codes
     where user_id = ${userId} and used_at is null`.execute(tx);
  if ((rows[0]?.n ?? 0) > 0) return [];
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
  return codes;
}
