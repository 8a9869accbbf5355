import ical, { ICalEventClass } from 'ical-generator';
import { Temporal, toInstant } from '../time.ts';
import { vtimezone } from './vtimezone.ts';

export interface FeedEvent {
  id: string;
  start_at: Date;
  end_at: Date;
  time_zone: string;
  kind: 'in_person' | 'telehealth';
  sequence: number;
  updated_at: Date;
}

/**
 * The feed's text. Phones' calendar apps sync it to other companies' servers, so it carries
 * times and nothing else: every event is "Client session", located only as "Telehealth" or
 * "In person" — no client name, no service code, no room, no remark. UIDs are the appointment
 * ids (stable across fetches), SEQUENCE tells a calendar an event changed, and times are
 * written in the appointment's own zone with a TZID and a matching VTIMEZONE.
 */
export function renderFeed(events: readonly FeedEvent[]): string {
  const cal = ical({
    name: 'Hearth sessions',
    prodId: { company: 'Hearth', product: 'Hearth', language: 'EN' },
    ttl: 15 * 60,
  });
  const first = events[0]?.start_at;
  const last = events.at(-1)?.end_at;
  if (first && last) {
    const from = toInstant(first).subtract({ hours: 24 });
    const to = toInstant(last).add({ hours: 24 });
    // No calendar-level zone: with one set, ical-generator writes DTSTAMP in local time.
    cal.timezone({ name: null, generator: (zone) => vtimezone(zone, from, to) });
  }
  for (const e of events) {
    const start = toInstant(e.start_at).toZonedDateTimeISO(e.time_zone);
    const end = toInstant(e.end_at).toZonedDateTimeISO(e.time_zone);
    cal.createEvent({
      id: `${e.id}@hearth`,
      sequence: e.sequence,
      start,
      end,
      timezone: e.time_zone,
      stamp: Temporal.Instant.fromEpochMilliseconds(e.updated_at.getTime()),
      summary: 'Client session',
      location: e.kind === 'telehealth' ? 'Telehealth' : 'In person',
      class: ICalEventClass.PRIVATE,
    });
  }
  return cal.toString();
}
