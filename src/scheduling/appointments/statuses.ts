import type { AppointmentStatus, StatusReason } from '../../platform/db/tables/scheduling.ts';

export type { AppointmentStatus, StatusReason };

export const STATUSES: readonly AppointmentStatus[] = [
  'scheduled',
  'confirmed',
  'arrived',
  'completed',
  'cancelled',
  'late_cancelled',
  'no_show',
];

export const STATUS_REASONS: readonly StatusReason[] = [
  'client_request',
  'client_illness',
  'clinician_unavailable',
  'practice_closed',
  'weather',
  'transport',
  'rescheduled',
  'no_contact',
  'other',
  'by_client',
];

/**
 * The reasons staff may give. `by_client` says the client changed it themselves, by replying to
 * a reminder (text or email link): only that path sets it, so the record cannot claim it falsely.
 */
export const STAFF_REASONS: readonly StatusReason[] = STATUS_REASONS.filter(
  (r) => r !== 'by_client',
);

/**
 * Statuses that hold the clinician's time (the exclusion constraint's WHERE clause). A
 * cancellation, a late cancellation or a no-show frees the slot: the time is no longer spoken
 * for, so the clinician can give it to someone else (a waiting-list client, a walk-in), while
 * the row stays as the record of what happened (and of any late-cancel fee).
 */
export const OCCUPYING: readonly AppointmentStatus[] = [
  'scheduled',
  'confirmed',
  'arrived',
  'completed',
];

/** These need a reason code. */
export const NEEDS_REASON: readonly AppointmentStatus[] = [
  'cancelled',
  'late_cancelled',
  'no_show',
];

/**
 * Which status may follow which. `completed` is final (notes and billing rest on it); a
 * cancellation can be reinstated (if the slot is still free) or reclassified; a no-show can be
 * corrected to a late arrival. Nothing goes back to `scheduled` once it has happened.
 */
export const TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  scheduled: ['confirmed', 'arrived', 'completed', 'cancelled', 'late_cancelled', 'no_show'],
  confirmed: ['scheduled', 'arrived', 'completed', 'cancelled', 'late_cancelled', 'no_show'],
  arrived: ['confirmed', 'completed', 'cancelled'],
  completed: [],
  cancelled: ['scheduled', 'late_cancelled'],
  late_cancelled: ['scheduled', 'cancelled'],
  no_show: ['arrived'],
};

/** Statuses a new appointment may be created with; the past ones record what already happened. */
export const CREATABLE: readonly AppointmentStatus[] = [
  'scheduled',
  'confirmed',
  'arrived',
  'completed',
  'no_show',
];

/** Only these may be moved in time, or rewritten by a series edit. */
export const MOVABLE: readonly AppointmentStatus[] = ['scheduled', 'confirmed'];
