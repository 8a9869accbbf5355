import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { AppointmentsTable } from '../../platform/db/tables/scheduling.ts';

const COLUMNS = [
  'appointments.id',
  'appointments.client_id',
  'appointments.clinician_id',
  'appointments.start_at',
  'appointments.end_at',
  'appointments.time_zone',
  'appointments.kind',
  'appointments.location_id',
  'appointments.telehealth_url',
  'appointments.service_code',
  'appointments.status',
  'appointments.status_reason',
  'appointments.remark',
  'appointments.series_id',
  'appointment_series.rrule as series_rule',
  'appointments.recurrence_start',
  'appointments.detached',
  'appointments.sequence',
  'appointments.created_by',
  'appointments.created_at',
  'appointments.updated_by',
  'appointments.updated_via',
  'appointments.updated_at',
  'clients.first_name',
  'clients.last_name',
  'clients.preferred_name',
  'locations.name as location_name',
] as const;

/** Appointments last at most 12 hours (a table check): an overlap query is one index range. */
export const MAX_LENGTH_MS = 12 * 3_600_000;

function base(tx: Tx) {
  return tx
    .selectFrom('appointments')
    .innerJoin('clients', 'clients.id', 'appointments.client_id')
    .leftJoin('locations', 'locations.id', 'appointments.location_id')
    .leftJoin('appointment_series', 'appointment_series.id', 'appointments.series_id')
    .select(COLUMNS);
}

export type AppointmentRow = Awaited<
  ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>
>;

export interface RangeFilter {
  from: Date;
  to: Date;
  clinicianId?: string | undefined;
  clientId?: string | undefined;
  status?: AppointmentsTable['status'] | undefined;
  /** Keyset: (start_at, id) of the last row of the previous page. */
  after?: { start: Date; id: string } | undefined;
}

/**
 * One indexed range scan: rows that overlap [from, to) start within [from - 12 h, to), so the
 * (practice, clinician|client, start_at) index bounds the scan on both sides.
 */
export async function selectRange(
  tx: Tx,
  /** The access rule as a filter (appointmentsInReach): authorization is part of the query. */
  inReach: RawBuilder<boolean>,
  f: RangeFilter,
  limit: number,
) {
  let q = base(tx)
    .where('appointments.start_at', '>=', new Date(f.from.getTime() - MAX_LENGTH_MS))
    .where('appointments.start_at', '<', f.to)
    .where('appointments.end_at', '>', f.from)
    .where(inReach);
  if (f.clinicianId) q = q.where('appointments.clinician_id', '=', f.clinicianId);
  if (f.clientId) q = q.where('appointments.client_id', '=', f.clientId);
  if (f.status) q = q.where('appointments.status', '=', f.status);
  if (f.after) {
    const { start, id } = f.after;
    q = q.where(sql<boolean>`(appointments.start_at, appointments.id) > (${start}, ${id}::uuid)`);
  }
  return q.orderBy('appointments.start_at').orderBy('appointments.id').limit(limit).execute();
}

export async function selectAppointment(tx: Tx, id: string) {
  return base(tx).where('appointments.id', '=', id).executeTakeFirst();
}

/** What the access rule needs of one appointment: its client and the clinician who holds it. */
export async function selectReachTarget(tx: Tx, id: string) {
  return tx
    .selectFrom('appointments')
    .select(['appointments.client_id', 'appointments.clinician_id'])
    .where('appointments.id', '=', id)
    .executeTakeFirst();
}

export async function insertAppointments(
  tx: Tx,
  rows: Insertable<AppointmentsTable>[],
): Promise<void> {
  if (rows.length > 0) await tx.insertInto('appointments').values(rows).execute();
}

export async function selectSeriesMembers(tx: Tx, seriesId: string) {
  return base(tx)
    .where('appointments.series_id', '=', seriesId)
    .orderBy('appointments.recurrence_start')
    .execute();
}
