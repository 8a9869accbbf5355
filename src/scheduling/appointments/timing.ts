import { AppError } from '../../platform/errors.ts';
import type { AppointmentStatus, StatusReason } from './statuses.ts';
import { NEEDS_REASON } from './statuses.ts';
import type { Temporal } from '../time.ts';

const MINUTE = 60_000;
/** Clock skew and a booking made "now" by a slow form: this much in the past still counts as now. */
const GRACE_MS = 5 * MINUTE;
const MAX_MS = 12 * 60 * MINUTE;

export function checkSpan(start: Temporal.Instant, end: Temporal.Instant): void {
  const ms = end.epochMilliseconds - start.epochMilliseconds;
  if (ms <= 0) throw AppError.badRequest('The end must be after the start.', 'invalid_time_range');
  if (ms > MAX_MS) {
    throw AppError.badRequest('An appointment lasts at most 12 hours.', 'too_long');
  }
}

/**
 * When a status makes sense. Scheduled and confirmed appointments are in the future; a client
 * can be checked in from an hour before; completed and no-show record what already happened,
 * so they are the way to enter a past appointment (there is no booking into the past).
 */
export function checkTiming(
  status: AppointmentStatus,
  start: Temporal.Instant,
  now: Temporal.Instant,
): void {
  const lead = start.epochMilliseconds - now.epochMilliseconds;
  if ((status === 'scheduled' || status === 'confirmed') && lead < -GRACE_MS) {
    throw AppError.badRequest(
      'This time is in the past. To record a session that already happened, give status "completed" or "no_show".',
      'in_the_past',
    );
  }
  if (status === 'arrived' && lead > 60 * MINUTE) {
    throw AppError.badRequest(
      'A client can be checked in from an hour before the start.',
      'not_started',
    );
  }
  if ((status === 'completed' || status === 'no_show') && lead > GRACE_MS) {
    throw AppError.badRequest(
      `An appointment can be marked ${status === 'completed' ? 'completed' : 'a no-show'} only once it has started.`,
      'not_started',
    );
  }
}

export function checkReason(
  status: AppointmentStatus,
  reason: StatusReason | null | undefined,
): void {
  const needs = NEEDS_REASON.includes(status);
  if (needs && !reason) {
    throw AppError.badRequest(
      'Cancellations and no-shows need a reason code (`statusReason`).',
      'reason_required',
    );
  }
  if (!needs && reason) {
    throw AppError.badRequest(
      'A reason code goes only with cancelled, late_cancelled or no_show.',
      'reason_not_expected',
    );
  }
}
