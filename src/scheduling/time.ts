import { Temporal } from 'temporal-polyfill';

export { Temporal };

/**
 * Wall-clock maths for scheduling. Every conversion between an instant and a local time goes
 * through Temporal and the runtime's zone database (ICU), never through `Date`'s server-local
 * methods or PostgreSQL's `at time zone`: one zone database for recurrence, availability and
 * feeds, and a server running in another zone changes nothing.
 */
export const toInstant = (d: Date): Temporal.Instant =>
  Temporal.Instant.fromEpochMilliseconds(d.getTime());

export const toDate = (i: Temporal.Instant): Date => new Date(i.epochMilliseconds);

// Intl's formatter per zone, made once: the calendar formats two wall-clock times per
// appointment, and the Temporal polyfill's path was a tenth of a week query's server time.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** `2026-11-03T09:00`: the wall clock in `zone`, to the minute (ISO 8601 years 1–9999). */
export function localOf(instant: Temporal.Instant, zone: string): string {
  // en-CA formats as "2026-11-03, 09:00" (checked against Temporal in time.test.ts).
  const text = formatterFor(zone).format(new Date(instant.epochMilliseconds));
  return `${text.slice(0, 10)}T${text.slice(12, 17)}`;
}

/**
 * The instant a local wall-clock time names in `zone`. In a spring-forward gap the time does not
 * exist and moves forward by the gap (02:30 → 03:30); in a fall-back overlap the earlier of the
 * two is meant ('compatible', as RFC 5545 and most calendars read it).
 */
export function instantAt(local: Temporal.PlainDateTime, zone: string): Temporal.Instant {
  return local.toZonedDateTime(zone, { disambiguation: 'compatible' }).toInstant();
}

/** Parses `HH:MM` or `HH:MM:SS` (as PostgreSQL returns `time`). */
export const plainTime = (value: string): Temporal.PlainTime => Temporal.PlainTime.from(value);

export const isoString = (i: Temporal.Instant): string => toDate(i).toISOString();

/** An ISO 8601 date-time with an offset or Z (the schema has checked its shape). */
export const parseInstant = (value: string): Temporal.Instant => Temporal.Instant.from(value);

export const minutesBetween = (a: Temporal.Instant, b: Temporal.Instant): number =>
  (b.epochMilliseconds - a.epochMilliseconds) / 60_000;
