import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

export async function insertPractice(
  tx: Tx,
  values: { id: string; name: string; isDemo: boolean; timeZone?: string | undefined },
): Promise<void> {
  await tx
    .insertInto('practices')
    .values({
      id: values.id,
      name: values.name,
      is_demo: values.isDemo,
      ...(values.timeZone ? { time_zone: values.timeZone } : {}),
    })
    .execute();
}

/** The practice's IANA time zone, which scheduling and reminders work in. */
export async function selectTimeZone(tx: Tx, practiceId: string): Promise<string> {
  const row = await tx
    .selectFrom('practices')
    .select('time_zone')
    .where('id', '=', practiceId)
    .executeTakeFirstOrThrow();
  return row.time_zone;
}

export async function selectDemoPracticeIds(tx: Tx): Promise<string[]> {
  const rows = await tx.selectFrom('practices').select('id').where('is_demo', '=', true).execute();
  return rows.map((r) => r.id);
}

export async function selectSettings(tx: Tx, practiceId: string) {
  const row = await tx
    .selectFrom('practices')
    .select([
      'id',
      'name',
      'is_demo',
      'mfa_required',
      'idle_timeout_minutes',
      'privacy_officer_email',
      sql<string[]>`ip_allowlist::text[]`.as('ip_allowlist'),
      'time_zone',
      'cosign_associate_notes',
      'document_size_limit',
    ])
    .where('id', '=', practiceId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        name: row.name,
        isDemo: row.is_demo,
        mfaRequired: row.mfa_required,
        idleTimeoutMinutes: row.idle_timeout_minutes,
        privacyOfficerEmail: row.privacy_officer_email,
        ipAllowlist: row.ip_allowlist,
        timeZone: row.time_zone,
        cosignAssociateNotes: row.cosign_associate_notes,
        documentSizeLimitBytes: Number(row.document_size_limit),
      }
    : undefined;
}

export async function updateSettings(
  tx: Tx,
  practiceId: string,
  values: {
    name?: string | undefined;
    mfa_required?: boolean | undefined;
    idle_timeout_minutes?: number | undefined;
    privacy_officer_email?: string | null | undefined;
    time_zone?: string | undefined;
    cosign_associate_notes?: boolean | undefined;
    document_size_limit?: number | undefined;
  },
): Promise<void> {
  const set = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  await tx.updateTable('practices').set(set).where('id', '=', practiceId).execute();
}

export async function updateIpAllowlist(
  tx: Tx,
  practiceId: string,
  cidrs: string[],
): Promise<void> {
  await sql`update practices set ip_allowlist = ${cidrs}::cidr[] where id = ${practiceId}`.execute(
    tx,
  );
}
