import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';
import type { AppointmentsTable } from '../platform/db/tables/scheduling.ts';

/** Whose appointments a caller sees: the whole practice's, or a clinician's own and their clients'. */
export type AppointmentScope = { kind: 'any' } | { kind: 'own'; userId: string };

const COLUMNS = [
  'appointments.id',
  'appointments.client_id',
  'appointments.clinician_id',
  'appointments.start_at',
  'appointments.end_at',
  'appointments.time_zone',
  'appointments.kind',
  'appointments.location_id',
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

/**
 * A clinician sees the appointments they hold and those of clients in their care (or opened by
 * break-glass): the same reach as withClientAccess, plus their own calendar.
 */
function inScope(scope: AppointmentScope) {
  return (eb: ExpressionBuilder<DB, 'appointments'>) =>
    scope.kind === 'any'
      ? eb.val(true)
      : eb.or([
          eb('appointments.clinician_id', '=', scope.userId),
          eb.exists(
            eb
              .selectFrom('client_clinicians')
              .select('client_clinicians.user_id')
              .whereRef('client_clinicians.client_id', '=', 'appointments.client_id')
              .where('client_clinicians.user_id', '=', scope.userId),
          ),
          eb.exists(
            eb
              .selectFrom('break_glass_grants')
              .select('break_glass_grants.id')
              .whereRef('break_glass_grants.client_id', '=', 'appointments.client_id')
              .where('break_glass_grants.user_id', '=', scope.userId)
              .where('break_glass_grants.expires_at', '>', sql<Date>`now()`),
          ),
        ]);
}

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
export async function selectRange(tx: Tx, scope: AppointmentScope, f: RangeFilter, limit: number) {
  let q = base(tx)
    .where('appointments.start_at', '>=', new Date(f.from.getTime() - MAX_LENGTH_MS))
    .where('appointments.start_at', '<', f.to)
    .where('appointments.end_at', '>', f.from)
    .where(inScope(scope));
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

/** Whether the (own-scoped) actor reaches this appointment, and only through break-glass. */
export async function selectReach(tx: Tx, userId: string, id: string) {
  return tx
    .selectFrom('appointments')
    .select((eb) => [
      eb('appointments.clinician_id', '=', userId).as('holds'),
      eb
        .exists(
          eb
            .selectFrom('client_clinicians')
            .select('client_clinicians.user_id')
            .whereRef('client_clinicians.client_id', '=', 'appointments.client_id')
            .where('client_clinicians.user_id', '=', userId),
        )
        .as('in_care'),
      eb
        .exists(
          eb
            .selectFrom('break_glass_grants')
            .select('break_glass_grants.id')
            .whereRef('break_glass_grants.client_id', '=', 'appointments.client_id')
            .where('break_glass_grants.user_id', '=', userId)
            .where('break_glass_grants.expires_at', '>', sql<Date>`now()`),
        )
        .as('break_glass'),
    ])
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
