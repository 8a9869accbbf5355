import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { OCCUPYING } from './statuses.ts';
import { isoString, type Temporal } from '../time.ts';
import { describeConflicts } from './conflict-words.ts';

export interface Slot {
  clinicianId: string;
  start: Temporal.Instant;
  end: Temporal.Instant;
}

/** What a change will write, filled in as it is planned, for the 409 if the database refuses it. */
export interface Guard {
  slots: Slot[];
  exclude: string[];
}

export interface Conflict {
  start_at: Date;
  end_at: Date;
  time_zone: string;
  clinician: string;
}

/**
 * Occupying appointments that overlap any of `slots` (one query, on the exclusion constraint's
 * GiST index), other than `exclude` (the rows being moved). Only times and the clinician's name
 * are read: the 409 names when the clinician is busy, never with whom.
 */
export async function findConflicts(tx: Tx, slots: Slot[], exclude: string[]): Promise<Conflict[]> {
  if (slots.length === 0) return [];
  const { rows } = await sql<Conflict>`
    select distinct a.start_at, a.end_at, a.time_zone, u.name as clinician
      from appointments a
      join users u on u.id = a.clinician_id
      join unnest(${slots.map((s) => s.clinicianId)}::uuid[],
                  ${slots.map((s) => isoString(s.start))}::timestamptz[],
                  ${slots.map((s) => isoString(s.end))}::timestamptz[]) as o(clinician_id, s, e)
        on a.clinician_id = o.clinician_id and tstzrange(a.start_at, a.end_at) && tstzrange(o.s, o.e)
     where a.status in (${sql.join(OCCUPYING)})
       and not (a.id = any (${exclude}::uuid[]))
     order by a.start_at
     limit 20`.execute(tx);
  return rows;
}

export function slotTaken(conflicts: Conflict[]): AppError {
  const message =
    conflicts.length === 0
      ? 'This time was just taken by another booking; choose another time.'
      : `${describeConflicts(conflicts)} ${conflicts.length === 1 ? 'Choose another time.' : 'Choose other times; nothing was booked.'}`;
  return AppError.conflict(message, 'slot_taken');
}

/** The database refused an overlapping booking (SQLSTATE 23P01, exclusion_violation). */
export function isDoubleBooking(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23P01';
}

/**
 * Runs a booking; if the exclusion constraint refuses it (a concurrent booking won the race
 * after our check), answers 409 naming what it collided with, read in a fresh transaction.
 */
export async function withoutDoubleBooking<T>(
  db: Database,
  practiceId: string,
  slots: () => Slot[],
  exclude: () => string[],
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isDoubleBooking(err)) throw err;
    const conflicts = await db.withPractice(practiceId, (tx) =>
      findConflicts(tx, slots(), exclude()),
    );
    throw slotTaken(conflicts);
  }
}
