import type { AppointmentStatus, StaffReason, StatusReason } from './types.ts';

/** What each status is called, its colour (Mantine palette) and a glyph: never colour alone. */
export const STATUS: Record<AppointmentStatus, { label: string; color: string; icon: string }> = {
  scheduled: { label: 'Scheduled', color: 'blue', icon: '○' },
  confirmed: { label: 'Confirmed', color: 'teal', icon: '✓' },
  arrived: { label: 'Arrived', color: 'violet', icon: '→' },
  completed: { label: 'Completed', color: 'green', icon: '✔' },
  cancelled: { label: 'Cancelled', color: 'gray', icon: '✕' },
  late_cancelled: { label: 'Late cancellation', color: 'orange', icon: '✕' },
  no_show: { label: 'No-show', color: 'red', icon: '⊘' },
};

export const REASONS: Record<StatusReason, string> = {
  client_request: 'Client asked',
  client_illness: 'Client ill',
  clinician_unavailable: 'Clinician unavailable',
  practice_closed: 'Practice closed',
  weather: 'Weather',
  transport: 'Transport',
  rescheduled: 'Rescheduled',
  no_contact: 'No contact',
  other: 'Other',
  by_client: 'by the client',
};

/** Staff never give `by_client`: only the client's own reply to a reminder sets it. */
export const STAFF_REASONS = (Object.keys(REASONS) as StatusReason[]).filter(
  (r): r is StaffReason => r !== 'by_client',
);

export const REASON_OPTIONS = STAFF_REASONS.map((r) => ({ value: r, label: REASONS[r] }));

/** Who changed an appointment last, when it was the client replying to a reminder. */
export const CHANGED_VIA: Record<'sms' | 'email', string> = {
  sms: 'Changed by the client by text',
  email: 'Changed by the client by email link',
};

/** The server's rules (src/scheduling/statuses.ts), so the screen offers only what it accepts. */
export const TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  scheduled: ['confirmed', 'arrived', 'completed', 'cancelled', 'late_cancelled', 'no_show'],
  confirmed: ['scheduled', 'arrived', 'completed', 'cancelled', 'late_cancelled', 'no_show'],
  arrived: ['confirmed', 'completed', 'cancelled'],
  completed: [],
  cancelled: ['scheduled', 'late_cancelled'],
  late_cancelled: ['scheduled', 'cancelled'],
  no_show: ['arrived'],
};

export const NEEDS_REASON: readonly AppointmentStatus[] = [
  'cancelled',
  'late_cancelled',
  'no_show',
];
export const MOVABLE: readonly AppointmentStatus[] = ['scheduled', 'confirmed'];
/** Cancelled, late-cancelled and no-show free the slot: shown faded and struck through. */
export const FREED: readonly AppointmentStatus[] = ['cancelled', 'late_cancelled', 'no_show'];

const HOUR = 3_600_000;
const GRACE = 5 * 60_000;

/**
 * Whether a status can be given now (the server's timing rules): check-in from an hour before
 * the start, completed and no-show once it has started, scheduled/confirmed only ahead.
 */
export function possibleNow(status: AppointmentStatus, startIso: string, now = Date.now()) {
  const lead = new Date(startIso).getTime() - now;
  if (status === 'arrived') return lead <= HOUR;
  if (status === 'completed' || status === 'no_show') return lead <= GRACE;
  if (status === 'scheduled' || status === 'confirmed') return lead >= -GRACE;
  return true;
}

/** When a status that cannot be given yet becomes possible: "from an hour before the start". */
export function notYet(status: AppointmentStatus): string {
  if (status === 'arrived') return 'from an hour before the start';
  if (status === 'completed' || status === 'no_show') return 'once the session has started';
  return 'only before the start';
}
