import { Temporal } from 'temporal-polyfill';
import { addDays, formatDay, formatTime, untilStamp, weekdayCode, weekdayName } from './time.ts';

export interface RepeatValue {
  /** 0: does not repeat; 1: every week; 2: every two weeks. */
  every: 0 | 1 | 2;
  ends: 'count' | 'until';
  count: number;
  /** Local date, YYYY-MM-DD. */
  until: string;
}

export const NO_REPEAT: RepeatValue = { every: 0, ends: 'count', count: 12, until: '' };
export const MAX_SESSIONS = 60;

/**
 * The RFC 5545 rule the API takes, from the first session's local date: weekly or every two
 * weeks on that weekday, for N sessions (COUNT) or until a date (UNTIL, the end of that local
 * day in UTC). The time of day comes from the first session, so a 9:00 stays 9:00 across DST.
 */
export function rruleOf(repeat: RepeatValue, firstDate: string, zone: string): string | undefined {
  if (repeat.every === 0) return undefined;
  const parts = [`FREQ=WEEKLY`];
  if (repeat.every === 2) parts.push('INTERVAL=2');
  parts.push(`BYDAY=${weekdayCode(firstDate)}`);
  parts.push(
    repeat.ends === 'count' ? `COUNT=${repeat.count}` : `UNTIL=${untilStamp(repeat.until, zone)}`,
  );
  return parts.join(';');
}

export function checkRepeat(repeat: RepeatValue, firstDate: string): string | undefined {
  if (repeat.every === 0) return undefined;
  if (repeat.ends === 'count') {
    if (!Number.isInteger(repeat.count) || repeat.count < 2 || repeat.count > MAX_SESSIONS)
      return `Give between 2 and ${MAX_SESSIONS} sessions.`;
    return undefined;
  }
  if (!repeat.until) return 'Choose the date of the last session.';
  if (repeat.until <= firstDate) return 'The last date must be after the first session.';
  return undefined;
}

const DESCRIBED = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST']);
const UNITS: Record<string, string> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month' };
/** A Monday, to name weekdays in the reader's language. */
const A_MONDAY = '2026-11-30';
const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * A series' rule in words — "Every two weeks on Tuesday, 12 sessions", "Every week on Monday,
 * until Tue, Mar 2" — for the rules this application writes and their split halves; any other
 * rule is shown as it is rather than described wrongly.
 */
export function describeRule(rrule: string, zone: string): string {
  const parts = new Map(rrule.split(';').map((p) => p.split('=') as [string, string | undefined]));
  const unit = UNITS[parts.get('FREQ') ?? ''];
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!unit || ![...parts.keys()].every((k) => DESCRIBED.has(k))) return rrule;
  if (!Number.isInteger(interval) || interval < 1) return rrule;
  let text =
    interval === 1
      ? `Every ${unit}`
      : interval === 2
        ? `Every two ${unit}s`
        : `Every ${interval} ${unit}s`;
  const byDay = parts.get('BYDAY');
  if (byDay) {
    const days = byDay.split(',').map((code) => DAY_CODES.indexOf(code));
    if (days.some((d) => d < 0)) return rrule;
    const names = days.map((d) => weekdayName(addDays(A_MONDAY, d)));
    text += ` on ${new Intl.ListFormat(undefined, { type: 'conjunction' }).format(names)}`;
  }
  const count = Number(parts.get('COUNT'));
  const until = parts.get('UNTIL');
  if (Number.isInteger(count) && count > 0) {
    text += `, ${count} session${count === 1 ? '' : 's'}`;
  } else if (until && /^\d{8}T\d{6}Z$/.test(until)) {
    const iso = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 11)}:${until.slice(11, 13)}:${until.slice(13)}`;
    const last = Temporal.Instant.from(iso).toZonedDateTimeISO(zone);
    // UNTIL is the end of a local day as booked; a split half ends one second before the
    // occurrence where the rest of the series begins.
    const endOfDay = last.hour === 23 && last.minute === 59 && last.second === 59;
    const next = last.add({ seconds: 1 }).toInstant().toString();
    text += endOfDay
      ? `, until ${formatDay(last.toInstant().toString(), zone)}`
      : `, ending before ${formatDay(next, zone)}, ${formatTime(next, zone)}`;
  }
  return text;
}
