import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db/database.ts';
import { checkClinician } from '../availability/clinicians.ts';
import { checkLocation } from '../locations/locations.ts';
import type { AppointmentRow } from './appointment-queries.ts';
import type { AppointmentPatch } from './appointment-schemas.ts';
import { MOVABLE, TRANSITIONS, type AppointmentStatus, type StatusReason } from './statuses.ts';
import { checkReason, checkSpan, checkTiming } from './timing.ts';
import type { Temporal } from '../time.ts';
import { parseInstant, toInstant } from '../time.ts';

/** The appointment as the patch would leave it, and which parts the patch changes. */
export interface Resolved {
  start: Temporal.Instant;
  end: Temporal.Instant;
  clinicianId: string;
  kind: 'in_person' | 'telehealth';
  locationId: string | null;
  telehealthUrl: string | null;
  serviceCode: string;
  status: AppointmentStatus;
  statusReason: StatusReason | null;
  moved: boolean;
  /** Time, clinician, kind, location or service: a change that makes an occurrence an exception. */
  reshaped: boolean;
  statusChanged: boolean;
}

const CHANGES = [
  'start',
  'end',
  'clinicianId',
  'kind',
  'locationId',
  'telehealthUrl',
  'serviceCode',
  'status',
  'statusReason',
  'remark',
  'recurrence',
] as const;

export function changedKeys(patch: AppointmentPatch): string[] {
  return CHANGES.filter((k) => k in patch);
}

/**
 * Applies the rules every edit obeys, on the target appointment: completed appointments are
 * never rewritten; only scheduled or confirmed ones move; statuses follow TRANSITIONS; a
 * cancellation or no-show carries a reason; nothing is booked into the past.
 */
export function resolvePatch(
  row: AppointmentRow,
  patch: AppointmentPatch,
  now: Temporal.Instant,
): Resolved {
  if (changedKeys(patch).length === 0) {
    throw AppError.badRequest(
      'Say what to change (start, end, status, …), not only the scope.',
      'nothing_to_change',
    );
  }
  if (row.status === 'completed') {
    throw AppError.conflict(
      'A completed appointment is part of the record and cannot be changed.',
      'appointment_completed',
    );
  }
  const oldStart = toInstant(row.start_at);
  const oldEnd = toInstant(row.end_at);
  const start = patch.start ? parseInstant(patch.start) : oldStart;
  const end = patch.end
    ? parseInstant(patch.end)
    : patch.start
      ? start.add({ milliseconds: oldEnd.epochMilliseconds - oldStart.epochMilliseconds })
      : oldEnd;
  const moved = !start.equals(oldStart) || !end.equals(oldEnd);
  const status = patch.status ?? row.status;
  const statusChanged = status !== row.status;
  if (statusChanged && !TRANSITIONS[row.status].includes(status)) {
    throw AppError.conflict(
      `An appointment that is ${row.status.replace('_', ' ')} cannot become ${status.replace('_', ' ')}.`,
      'invalid_transition',
    );
  }
  const clinicianId = patch.clinicianId ?? row.clinician_id;
  if ((moved || clinicianId !== row.clinician_id) && !MOVABLE.includes(status)) {
    throw AppError.conflict(
      'Only a scheduled or confirmed appointment can be moved.',
      'cannot_move',
    );
  }
  const statusReason =
    patch.statusReason !== undefined
      ? patch.statusReason
      : statusChanged
        ? null
        : row.status_reason;
  checkReason(status, statusReason);
  if (moved) checkSpan(start, end);
  if (moved || statusChanged) checkTiming(status, start, now);
  const kind = patch.kind ?? row.kind;
  if (kind === 'telehealth' && patch.locationId) {
    throw AppError.badRequest('A telehealth appointment has no location.', 'invalid_location');
  }
  const locationId =
    kind === 'telehealth'
      ? null
      : patch.locationId !== undefined
        ? patch.locationId
        : row.location_id;
  if (kind !== 'telehealth' && patch.telehealthUrl) {
    throw AppError.badRequest(
      'A meeting link goes only with a telehealth appointment.',
      'invalid_telehealth_url',
    );
  }
  // An appointment that becomes in person loses its link.
  const telehealthUrl =
    kind !== 'telehealth'
      ? null
      : patch.telehealthUrl !== undefined
        ? patch.telehealthUrl
        : row.telehealth_url;
  const serviceCode = patch.serviceCode ?? row.service_code;
  const reshaped =
    moved ||
    clinicianId !== row.clinician_id ||
    kind !== row.kind ||
    locationId !== row.location_id ||
    serviceCode !== row.service_code;
  return {
    start,
    end,
    clinicianId,
    kind,
    locationId,
    telehealthUrl,
    serviceCode,
    status,
    statusReason,
    moved,
    reshaped,
    statusChanged,
  };
}

/** Audit detail for a change: which fields, never their values (the status is a code). */
export function changeDetail(
  patch: AppointmentPatch,
  resolved: Resolved,
  counts: Record<string, number>,
) {
  return {
    scope: patch.scope ?? 'this',
    ...Object.fromEntries(changedKeys(patch).map((k) => [k, true])),
    ...(resolved.statusChanged ? { toStatus: resolved.status } : {}),
    ...counts,
  };
}

/** Checks a new clinician or location once for the whole change. */
export async function checkReferences(tx: Tx, row: AppointmentRow, r: Resolved): Promise<void> {
  if (r.clinicianId !== row.clinician_id) await checkClinician(tx, r.clinicianId);
  if (r.locationId && r.locationId !== row.location_id) await checkLocation(tx, r.locationId);
}
