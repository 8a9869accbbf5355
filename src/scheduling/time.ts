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

/** `2026-11-03T09:00`: the wall clock in `zone`, to the minute. */
export function localOf(instant: Temporal.Instant, zone: string): string {
  return instant.toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'minute' });
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
