import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';

const STAFF_COLUMNS = [
  'id',
  'name',
  'email',
  'role',
  'status',
  'totp_enabled_at',
  'sms_enabled_at',
  'supervisor_id',
  'credentials',
  'emergency_access',
  'created_at',
] as const;

// A passkey is a second factor too: the staff list's MFA flag counts it.
const HAS_PASSKEY =
  sql<boolean>`exists (select 1 from webauthn_credentials w where w.user_id = users.id)`.as(
    'has_passkey',
  );

export async function selectStaff(tx: Tx) {
  return tx
    .selectFrom('users')
    .select(STAFF_COLUMNS)
    .select(HAS_PASSKEY)
    .where('status', '!=', 'removed')
    .orderBy('name')
    .execute();
}

export async function selectStaffMember(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .select(STAFF_COLUMNS)
    .select(HAS_PASSKEY)
    .where('id', '=', userId)
    .where('status', '!=', 'removed')
    .executeTakeFirst();
}

export type StaffRow = NonNullable<Awaited<ReturnType<typeof selectStaffMember>>>;

export async function insertInvitedUser(
  tx: Tx,
  values: { name: string; email: string; role: Role },
): Promise<string> {
  const row = await tx
    .insertInto('users')
    .values({
      name: values.name,
      email: values.email,
      role: values.role,
      status: 'invited',
      password_hash: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStaff(
  tx: Tx,
  userId: string,
  values: {
    role?: Role | undefined;
    status?: 'active' | 'suspended' | 'removed' | undefined;
    supervisor_id?: string | null | undefined;
    credentials?: string | null | undefined;
  },
): Promise<void> {
  const set = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length > 0)
    await tx.updateTable('users').set(set).where('id', '=', userId).execute();
}

/**
 * Changes that could take away an admin take turns on the practice's row, locked before the
 * person is read and the admins counted: two at once cannot both count two admins and leave
 * none. FOR NO KEY UPDATE, so that other writes of the practice (whose foreign keys take
 * FOR KEY SHARE on this row) do not wait for it.
 */
export async function lockPracticeForStaffChange(tx: Tx): Promise<void> {
  await sql`select id from practices for no key update`.execute(tx);
}

export async function countActiveAdmins(tx: Tx): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from users where role = 'admin' and status = 'active'`.execute(tx);
  return rows[0]?.n ?? 0;
}

export async function activateInvitedUser(
  tx: Tx,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await tx
    .updateTable('users')
    .set({ status: 'active', password_hash: passwordHash, password_changed_at: new Date() })
    .where('id', '=', userId)
    .where('status', '=', 'invited')
    .execute();
}

export async function selectOwnSessions(tx: Tx, userId: string) {
  return tx
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent', 'mfa_pending'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function revokeOwnSession(
  tx: Tx,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const result = await sql`update sessions set revoked_at = now()
     where id = ${sessionId} and user_id = ${userId} and revoked_at is null`.execute(tx);
  return Number(result.numAffectedRows ?? 0) === 1;
}
