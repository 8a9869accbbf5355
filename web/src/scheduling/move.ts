import { FREED } from './status.ts';
import { rruleOf, type RepeatValue } from './repeat.ts';
import { localParts } from './time.ts';
import type { Appointment, AppointmentPatch, Scope } from './types.ts';

/** Whether a move changes the local date (a series edit then needs a new weekly rule). */
export function changesDay(appointment: Appointment, newStart: string, zone: string): boolean {
  return localParts(appointment.start, zone).date !== localParts(newStart, zone).date;
}

/**
 * The scopes a move may take. A series keeps its weekday unless a new rule is given, so "All
 * sessions" can change only the time of day; "This and following" takes a new rule instead.
 */
export function moveScopes(appointment: Appointment, newStart: string, zone: string) {
  const dayChange = changesDay(appointment, newStart, zone);
  const disabled: Scope[] = appointment.detached ? ['following', 'all'] : dayChange ? ['all'] : [];
  const note = appointment.detached
    ? 'This session was already changed on its own, so only it can be moved.'
    : dayChange
      ? 'All sessions can change their time of day, not their weekday. To move the series to another day, choose “This and following”.'
      : undefined;
  return { dayChange, disabled, note };
}

/**
 * Guesses the rest of a series from the sessions on screen (its later occurrences): how many
 * and how far apart, to fill in the new rule a weekday move needs. The person checks it.
 */
export function seriesHint(all: readonly Appointment[], appointment: Appointment): RepeatValue {
  const rest = all
    .filter(
      (a) =>
        a.seriesId === appointment.seriesId &&
        !a.detached &&
        !FREED.includes(a.status) &&
        a.start >= appointment.start,
    )
    .map((a) => new Date(a.start).getTime())
    .sort((x, y) => x - y);
  const gapDays = rest.length > 1 ? Math.round((rest[1]! - rest[0]!) / 86_400_000) : 7;
  return {
    every: gapDays >= 13 ? 2 : 1,
    ends: 'count',
    count: Math.max(rest.length, 2),
    until: '',
  };
}

/** The PATCH for moving an appointment (and, for a series, which of its sessions). */
export function movePatch(o: {
  appointment: Appointment;
  start: string;
  end: string;
  scope: Scope;
  repeat: RepeatValue;
  zone: string;
}): AppointmentPatch {
  const { appointment, start, end, zone } = o;
  const scope = appointment.seriesId ? o.scope : 'this';
  const patch: AppointmentPatch = { start, end, ...(appointment.seriesId ? { scope } : {}) };
  if (scope === 'following' && changesDay(appointment, start, zone)) {
    const rrule = rruleOf(o.repeat, localParts(start, zone).date, zone);
    if (rrule) patch.recurrence = { rrule };
  }
  return patch;
}
