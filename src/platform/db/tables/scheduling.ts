import type { ColumnType, Generated } from 'kysely';
import type { Sealed, ScopedPracticeId } from '../schema.ts';

/**
 * Kysely's view of the scheduling feature's tables, merged into `DB` in ../schema.ts. Each table
 * here is created by that feature's migration (0012-scheduling.ts); keep the two in step.
 */
export interface SchedulingTables {
  working_hours: WorkingHoursTable;
  time_off: TimeOffTable;
  locations: LocationsTable;
  appointment_series: AppointmentSeriesTable;
  appointments: AppointmentsTable;
  calendar_feeds: CalendarFeedsTable;
}

type CreatedAt = ColumnType<Date, never, never>;

export interface WorkingHoursTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  clinician_id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local wall-clock `HH:MM:SS`. */
  start_time: string;
  end_time: string;
  /** `YYYY-MM-DD` (dates are read back as text: see platform/db/open.ts). */
  effective_from: string | null;
  effective_to: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export type TimeOffReason = 'vacation' | 'sick' | 'training' | 'holiday' | 'personal' | 'other';

export interface TimeOffTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  clinician_id: string;
  start_at: Date;
  end_at: Date;
  time_zone: string;
  reason: TimeOffReason;
  created_by: string;
  created_at: CreatedAt;
}

export interface LocationsTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  name: string;
  archived_at: Date | null;
  created_at: CreatedAt;
}

export interface AppointmentSeriesTable {
  id: string;
  practice_id: ScopedPracticeId;
  client_id: string;
  rrule: string;
  time_zone: string;
  /** DTSTART as local wall-clock in `time_zone`, `YYYY-MM-DDTHH:MM:SS`. */
  first_local_start: ColumnType<string, string, string>;
  split_from: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

export type AppointmentStatus =
  'scheduled' | 'confirmed' | 'arrived' | 'completed' | 'cancelled' | 'late_cancelled' | 'no_show';

export type StatusReason =
  | 'client_request'
  | 'client_illness'
  | 'clinician_unavailable'
  | 'practice_closed'
  | 'weather'
  | 'transport'
  | 'rescheduled'
  | 'no_contact'
  | 'other'
  /** The client cancelled by replying to a reminder (migration 0026). */
  | 'by_client';

export interface AppointmentsTable {
  id: string;
  practice_id: ScopedPracticeId;
  client_id: string;
  clinician_id: string;
  start_at: Date;
  end_at: Date;
  time_zone: string;
  kind: 'in_person' | 'telehealth';
  location_id: string | null;
  /** A telehealth appointment's meeting link (https). */
  telehealth_url: string | null;
  service_code: string;
  status: AppointmentStatus;
  status_reason: StatusReason | null;
  /** Free text, so PHI: sealed (platform/crypto/field.ts). */
  remark: Sealed | null;
  series_id: string | null;
  recurrence_start: Date | null;
  detached: Generated<boolean>;
  /** iCalendar SEQUENCE: bumped on every change, so subscribed calendars take the new version. */
  sequence: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  /** Null when the client changed it by replying to a reminder (`updated_via`). */
  updated_by: string | null;
  updated_via: ColumnType<'sms' | 'email' | null, 'sms' | 'email' | null | undefined>;
  updated_at: Generated<Date>;
}

export interface CalendarFeedsTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  clinician_id: string;
  token_hash: Buffer;
  created_by: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
  last_accessed_at: Date | null;
}
