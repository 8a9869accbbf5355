import { Temporal } from 'temporal-polyfill';

/**
 * Times on the schedule are the practice's wall clock, whatever zone the browser is in: a
 * date and a time typed into a form are read in the practice's zone, and instants are shown
 * in it. Temporal does the zone arithmetic, so a weekly 9:00 stays 9:00 across DST.
 */

/** Today's date in `zone`, YYYY-MM-DD. */
export const todayIn = (zone: string) => Temporal.Now.plainDateISO(zone).toString();

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in `zone`. */
export function localParts(iso: string, zone: string): { date: string; time: string } {
  const z = Temporal.Instant.from(iso).toZonedDateTimeISO(zone);
  return {
    date: z.toPlainDate().toString(),
    time: z.toPlainTime().toString({ smallestUnit: 'minute' }),
  };
}

/** A local date and time in `zone` as ISO 8601 with its offset, as the API takes it. */
export function instantOf(date: string, time: string, zone: string): string {
  return Temporal.PlainDateTime.from(`${date}T${time}`)
    .toZonedDateTime(zone)
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** `iso` plus `minutes`, keeping the offset form. */
export function addMinutes(iso: string, minutes: number, zone: string): string {
  return Temporal.Instant.from(iso)
    .toZonedDateTimeISO(zone)
    .add({ minutes })
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

export const minutesBetween = (startIso: string, endIso: string) =>
  Math.round((new Date(endIso).getTime() - new Date(startIso).getTime()) / 60_000);

/** [from, to) of whole local days: `days` days from `date` (YYYY-MM-DD) in `zone`. */
export function daysRange(date: string, days: number, zone: string) {
  const first = Temporal.PlainDate.from(date);
  const at = (d: Temporal.PlainDate) =>
    d.toZonedDateTime({ timeZone: zone }).toString({ timeZoneName: 'never' });
  return { from: at(first), to: at(first.add({ days })) };
}

export const addDays = (date: string, days: number) =>
  Temporal.PlainDate.from(date).add({ days }).toString();

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The RRULE BYDAY code of a local date (Temporal: 1 = Monday). */
export const weekdayCode = (date: string) =>
  WEEKDAY_CODES[Temporal.PlainDate.from(date).dayOfWeek - 1]!;

/** RRULE UNTIL for "until this date": the end of that local day, in UTC. */
export function untilStamp(date: string, zone: string): string {
  const end = Temporal.PlainDate.from(date)
    .add({ days: 1 })
    .toZonedDateTime({ timeZone: zone })
    .toInstant()
    .subtract({ seconds: 1 });
  return end.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
}

const fmt = (zone: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });

/** "9:00 AM" */
export const formatTime = (iso: string, zone: string) =>
  fmt(zone, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

/** "Tue, Dec 8" */
export const formatDay = (iso: string, zone: string) =>
  fmt(zone, { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(iso));

/** "Tuesday" from a local date. */
export const weekdayName = (date: string) =>
  new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );

/** "Tuesday, December 8, 2026" from a local date. */
export const formatLongDate = (date: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );

/** "Tue, Dec 8 · 9:00 – 9:50 AM" */
export function formatSpan(startIso: string, endIso: string, zone: string): string {
  const range = fmt(zone, { hour: 'numeric', minute: '2-digit' }).formatRange(
    new Date(startIso),
    new Date(endIso),
  );
  return `${formatDay(startIso, zone)} · ${range}`;
}
