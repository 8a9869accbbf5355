import type { TimeOff, TimeOffReason } from './types.ts';
import { addDays } from './time.ts';

export const TIME_OFF_REASONS: Record<TimeOffReason, string> = {
  vacation: 'Vacation',
  sick: 'Sick',
  training: 'Training',
  holiday: 'Holiday',
  personal: 'Personal',
  other: 'Other',
};

export interface TimeOffDraft {
  allDay: boolean;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  reason: TimeOffReason;
}

/** The local range the API takes: whole days run from midnight to the midnight after the last. */
export function timeOffRange(d: TimeOffDraft): { start: string; end: string } {
  return d.allDay
    ? { start: `${d.startDate}T00:00`, end: `${addDays(d.endDate, 1)}T00:00` }
    : { start: `${d.startDate}T${d.startTime}`, end: `${d.endDate}T${d.endTime}` };
}

export function checkTimeOff(d: TimeOffDraft): string | undefined {
  if (!d.startDate || !d.endDate) return 'Choose the first and the last day.';
  if (!d.allDay && (!d.startTime || !d.endTime)) return 'Enter both times.';
  const { start, end } = timeOffRange(d);
  if (end <= start) return 'The end must be after the start.';
  return undefined;
}

const day = (date: string) =>
  new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));

const time = (hhmm: string) =>
  new Intl.DateTimeFormat(undefined, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`2000-01-01T${hhmm}:00Z`));

/** "Mon, Dec 21, 2026 – Wed, Dec 23, 2026" for whole days, with times otherwise (local). */
export function describeTimeOff(t: TimeOff): string {
  const [sd = '', st = ''] = t.localStart.split('T');
  const [ed = '', et = ''] = t.localEnd.split('T');
  if (st === '00:00' && et === '00:00') {
    const last = addDays(ed, -1);
    return last === sd ? `${day(sd)}, all day` : `${day(sd)} – ${day(last)}`;
  }
  return sd === ed
    ? `${day(sd)}, ${time(st)} – ${time(et)}`
    : `${day(sd)} ${time(st)} – ${day(ed)} ${time(et)}`;
}
