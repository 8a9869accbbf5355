import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { TimeOffReason } from '../../platform/db/tables/scheduling.ts';
import { MAX_LENGTH_MS } from '../appointments/appointment-queries.ts';
import { OCCUPYING } from '../appointments/statuses.ts';

/** Roles that hold appointments (admins may carry a caseload in a small practice). */
export const CLINICAL_ROLES = ['admin', 'supervisor', 'associate'] as const;

export async function selectClinicians(tx: Tx) {
  return tx
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('status', '=', 'active')
    .where('role', 'in', CLINICAL_ROLES)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function isClinician(tx: Tx, userId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .where('role', 'in', CLINICAL_ROLES)
    .executeTakeFirst();
  return row !== undefined;
}

export async function selectHours(tx: Tx, clinicianId: string) {
  const rows = await tx
    .selectFrom('working_hours')
    .select([
      'weekday',
      // time and date as text: drivers would otherwise turn them into server-local values.
      sql<string>`to_char(start_time, 'HH24:MI')`.as('start'),
      sql<string>`to_char(end_time, 'HH24:MI')`.as('end'),
      sql<string | null>`effective_from::text`.as('effective_from'),
      sql<string | null>`effective_to::text`.as('effective_to'),
    ])
    .where('clinician_id', '=', clinicianId)
    .orderBy('weekday')
    .orderBy('start_time')
    .execute();
  return rows.map((r) => ({
    weekday: r.weekday,
    start: r.start,
    end: r.end,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
  }));
}

export async function replaceHours(
  tx: Tx,
  clinicianId: string,
  createdBy: string,
  blocks: {
    weekday: number;
    start: string;
    end: string;
    effectiveFrom: string | null;
    effectiveTo: string | null;
  }[],
): Promise<void> {
  await tx.deleteFrom('working_hours').where('clinician_id', '=', clinicianId).execute();
  if (blocks.length === 0) return;
  await tx
    .insertInto('working_hours')
    .values(
      blocks.map((b) => ({
        clinician_id: clinicianId,
        weekday: b.weekday,
        start_time: b.start,
        end_time: b.end,
        effective_from: b.effectiveFrom,
        effective_to: b.effectiveTo,
        created_by: createdBy,
      })),
    )
    .execute();
}

const TIME_OFF_COLUMNS = [
  'id',
  'clinician_id',
  'start_at',
  'end_at',
  'time_zone',
  'reason',
] as const;

/** Time off that overlaps [from, to). */
export async function selectTimeOff(tx: Tx, clinicianId: string, from: Date, to: Date) {
  return tx
    .selectFrom('time_off')
    .select(TIME_OFF_COLUMNS)
    .where('clinician_id', '=', clinicianId)
    .where(sql<boolean>`tstzrange(start_at, end_at) && tstzrange(${from}, ${to})`)
    .orderBy('start_at')
    .execute();
}

export async function insertTimeOff(
  tx: Tx,
  values: {
    clinician_id: string;
    start_at: Date;
    end_at: Date;
    time_zone: string;
    reason: TimeOffReason;
    created_by: string;
  },
) {
  return tx
    .insertInto('time_off')
    .values(values)
    .returning(TIME_OFF_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function selectTimeOffById(tx: Tx, id: string) {
  return tx.selectFrom('time_off').select(TIME_OFF_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function deleteTimeOff(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('time_off').where('id', '=', id).execute();
}

/** The clinician's occupied time in [from, to): times only, no client. */
export async function selectBusy(tx: Tx, clinicianId: string, from: Date, to: Date) {
  return tx
    .selectFrom('appointments')
    .select(['start_at', 'end_at'])
    .where('clinician_id', '=', clinicianId)
    .where('start_at', '>=', new Date(from.getTime() - MAX_LENGTH_MS))
    .where('start_at', '<', to)
    .where('end_at', '>', from)
    .where('status', 'in', OCCUPYING)
    .execute();
}

export async function countBusy(
  tx: Tx,
  clinicianId: string,
  from: Date,
  to: Date,
): Promise<number> {
  return (await selectBusy(tx, clinicianId, from, to)).length;
}
