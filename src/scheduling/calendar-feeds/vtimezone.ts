import { Temporal } from '../time.ts';

const stamp = (dt: Temporal.PlainDateTime) =>
  dt.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
const offset = (zdt: Temporal.ZonedDateTime) => zdt.offset.replace(/:/g, '');

/**
 * A VTIMEZONE for `zone` covering [from, to], built from the same zone database (the runtime's
 * ICU data, through Temporal) that computed the appointments' instants, so that a calendar app
 * reads back exactly the times Hearth means. Each transition is listed as its own observance
 * (DTSTART in the offset before it, as RFC 5545 wants); a zone without transitions gets one.
 */
export function vtimezone(zone: string, from: Temporal.Instant, to: Temporal.Instant): string {
  const start = from.toZonedDateTimeISO(zone);
  const onsets: Temporal.ZonedDateTime[] = [];
  const before = start.getTimeZoneTransition('previous');
  if (before) onsets.push(before);
  for (
    let t = start.getTimeZoneTransition('next');
    t && onsets.length < 200;
    t = t.getTimeZoneTransition('next')
  ) {
    if (Temporal.Instant.compare(t.toInstant(), to) > 0) break;
    onsets.push(t);
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  if (onsets.length === 0) {
    const o = offset(start);
    lines.push(
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${o}`,
      `TZOFFSETTO:${o}`,
      'END:STANDARD',
    );
  }
  for (const t of onsets) {
    const prior = t.subtract({ nanoseconds: 1 });
    const kind = t.offsetNanoseconds > prior.offsetNanoseconds ? 'DAYLIGHT' : 'STANDARD';
    // Local mean time offsets carry seconds (+03:41:12), which Temporal cannot take as a zone.
    const localOnset = t
      .toInstant()
      .toZonedDateTimeISO('UTC')
      .toPlainDateTime()
      .add({ nanoseconds: prior.offsetNanoseconds });
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${stamp(localOnset)}`,
      `TZOFFSETFROM:${offset(prior)}`,
      `TZOFFSETTO:${offset(t)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
