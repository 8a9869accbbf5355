import { untilStamp, weekdayCode } from './time.ts';

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
