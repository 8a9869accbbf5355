import { isIP } from 'node:net';
import { sql } from 'kysely';
import type { Database, Tx } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';

export interface LoginCandidate {
  id: string;
  practice_id: string;
  password_hash: string | null;
}

/**
 * The account an email signs in to, if any (not removed): the email decides the practice.
 * Through hearth_sign_in_account (migration 0018), as the app role with no practice: it answers
 * for this one email and nothing else, so sign-in never runs with cross-practice rights.
 */
export function selectLoginCandidate(
  db: Database,
  email: string,
): Promise<LoginCandidate | undefined> {
  return db.lookUpAccount<LoginCandidate>('hearth_sign_in_account', email);
}

/** The active account a password-reset request names, if any (hearth_password_reset_account). */
export function selectResetCandidate(
  db: Database,
  email: string,
): Promise<{ id: string; practice_id: string } | undefined> {
  return db.lookUpAccount('hearth_password_reset_account', email);
}

export async function selectSignInState(tx: Tx, userId: string, address: string) {
  return tx
    .selectFrom('users')
    .innerJoin('practices', 'practices.id', 'users.practice_id')
    .select([
      sql<boolean>`cardinality(practices.ip_allowlist) = 0 or ${address}::inet <<= any (practices.ip_allowlist)`.as(
        'addressAllowed',
      ),
      'users.id',
      'users.role',
      'users.status as userStatus',
      'practices.status as practiceStatus',
      'practices.mfa_required',
      'practices.is_demo',
      'users.totp_enabled_at',
      'users.sms_enabled_at',
      sql<boolean>`exists (select 1 from webauthn_credentials w where w.user_id = users.id)`.as(
        'hasPasskey',
      ),
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function updatePasswordHash(tx: Tx, userId: string, hash: string): Promise<void> {
  await tx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

export async function insertUser(
  tx: Tx,
  values: { email: string; name: string; role: Role; passwordHash: string },
): Promise<string> {
  const row = await tx
    .insertInto('users')
    .values({
      email: values.email,
      name: values.name,
      role: values.role,
      password_hash: values.passwordHash,
      password_changed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSession(
  tx: Tx,
  values: {
    userId: string;
    tokenHash: Buffer;
    mfaPending: boolean;
    expiresAt: Date;
    ip: string;
    userAgent: string | undefined;
    /** The password was typed to open this session (now), or when an earlier one had it. */
    passwordConfirmedAt?: 'now' | Date | null;
  },
): Promise<string> {
  const confirmed = values.passwordConfirmedAt;
  const row = await tx
    .insertInto('sessions')
    .values({
      user_id: values.userId,
      token_hash: values.tokenHash,
      mfa_pending: values.mfaPending,
      expires_at: values.expiresAt,
      ip: values.ip,
      user_agent: values.userAgent?.slice(0, 256) ?? null,
      // The database's clock, which also judges how long ago it was.
      password_confirmed_at: confirmed === 'now' ? sql<Date>`now()` : (confirmed ?? null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface SessionState {
  id: string;
  user_id: string;
  mfa_pending: boolean;
  role: Role;
  user_status: string;
  practice_status: string;
  revoked: boolean;
  expired: boolean;
  idle: boolean;
  address_allowed: boolean;
}

/**
 * A session and everything that decides whether it still stands, judged by the database clock.
 * A session still standing is also marked as seen (at most every 30 seconds) by the same call:
 * the function `hearth_session_check` (migrations 0010 and 0016), one round trip that opens the
 * practice's scope itself and whose plans are made once per connection. An address that does
 * not parse as one is passed as none (and so matches no allowlist).
 */
export async function selectSessionState(
  db: Database,
  practiceId: string,
  tokenHash: Buffer,
  address: string,
): Promise<SessionState | undefined> {
  if (tokenHash.length !== 32) throw new TypeError('a session token hash is 32 bytes');
  const rows = await db.callInPractice<SessionState>(practiceId, 'hearth_session_check', [
    tokenHash,
    isIP(address) ? address : null,
  ]);
  return rows[0];
}

export async function revokeSession(tx: Tx, sessionId: string): Promise<void> {
  await sql`update sessions set revoked_at = now() where id = ${sessionId} and revoked_at is null`.execute(
    tx,
  );
}

export async function selectMe(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .innerJoin('practices', 'practices.id', 'users.practice_id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.role',
      'practices.id as practiceId',
      'practices.name as practiceName',
      'practices.is_demo',
      'practices.mfa_required',
      'practices.idle_timeout_minutes',
      'practices.time_zone',
      'users.totp_enabled_at',
      'users.sms_enabled_at',
      sql<boolean>`exists (select 1 from webauthn_credentials w where w.user_id = users.id)`.as(
        'hasPasskey',
      ),
    ])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Ends every live session of a user; answers how many. */
export async function revokeUserSessions(
  tx: Tx,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const result = await sql`update sessions set revoked_at = now()
     where user_id = ${userId} and revoked_at is null
       and (${exceptSessionId ?? null}::uuid is null or id <> ${exceptSessionId ?? null}::uuid)`.execute(
    tx,
  );
  return Number(result.numAffectedRows ?? 0);
}

/** The account's name, role and practice, as the password policy and notices need them. */
export async function selectUserForPolicy(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .innerJoin('practices', 'practices.id', 'users.practice_id')
    .select([
      'users.email',
      'users.name',
      'users.role',
      'users.status',
      'practices.name as practiceName',
      'practices.is_demo',
      'practices.mfa_required',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}
