import { RRuleTemporal } from 'rrule-temporal';
import { AppError } from '../../platform/errors.ts';
import { Temporal } from '../time.ts';

/** At most this many occurrences, within a year of the first: longer series are re-booked. */
export const MAX_OCCURRENCES = 60;
export const MAX_SERIES_DAYS = 366;

// The parts a session's rule needs. The time of day comes from the first start, so BYHOUR and
// the like are refused: at most one occurrence a day, and never two that overlap each other.
const PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const FREQS = new Set(['DAILY', 'WEEKLY', 'MONTHLY']);

const invalid = (why: string) =>
  AppError.badRequest(`The recurrence rule is not valid: ${why}`, 'invalid_rrule');

/** The rule's parts, in order, after checking the ones Hearth accepts. */
export function ruleParts(rrule: string): [string, string][] {
  const parts = rrule.split(';').map((p) => {
    const [key = '', value, ...rest] = p.split('=');
    if (!value || rest.length > 0) throw invalid(`"${p}" is not NAME=VALUE.`);
    if (!PARTS.has(key))
      throw invalid(
        `${key} is not supported; use FREQ, INTERVAL, COUNT or UNTIL, and BYDAY, BYMONTHDAY, BYMONTH or BYSETPOS.`,
      );
    return [key, value] as [string, string];
  });
  const get = (k: string) => parts.filter(([key]) => key === k);
  if (new Set(parts.map(([k]) => k)).size !== parts.length) throw invalid('a part appears twice.');
  const freq = get('FREQ')[0]?.[1];
  if (!freq || !FREQS.has(freq)) throw invalid('FREQ must be DAILY, WEEKLY or MONTHLY.');
  if (get('COUNT').length + get('UNTIL').length !== 1) {
    throw invalid(
      `give either COUNT (at most ${MAX_OCCURRENCES}) or UNTIL, so that the series ends.`,
    );
  }
  return parts;
}

/**
 * The occurrences of `rrule` from `first`, in `first`'s zone. The rule recurs on the wall
 * clock: a weekly 9:00 stays 9:00 local across daylight-saving changes, whatever the offset.
 */
export function expandRule(rrule: string, first: Temporal.ZonedDateTime): Temporal.ZonedDateTime[] {
  ruleParts(rrule);
  let all: Temporal.ZonedDateTime[];
  try {
    const rule = new RRuleTemporal({ rruleString: rrule, dtstart: first, temporal: Temporal });
    all = rule.all((_, i) => i <= MAX_OCCURRENCES);
  } catch (err) {
    throw invalid(err instanceof Error ? err.message.slice(0, 120) : 'it could not be read.');
  }
  if (all.length === 0 || !all[0]!.equals(first)) {
    throw AppError.badRequest(
      'The first appointment must itself be an occurrence of the rule (for BYDAY=TU, start on a Tuesday).',
      'start_not_in_rule',
    );
  }
  if (all.length > MAX_OCCURRENCES) {
    throw AppError.badRequest(
      `A series has at most ${MAX_OCCURRENCES} occurrences; shorten it and book the rest later.`,
      'too_many_occurrences',
    );
  }
  const limit = first.add({ days: MAX_SERIES_DAYS });
  if (Temporal.ZonedDateTime.compare(all.at(-1)!, limit) > 0) {
    throw AppError.badRequest(
      'A series may run for at most a year; end it sooner and book the rest later.',
      'series_too_long',
    );
  }
  return all;
}

const utcStamp = (i: Temporal.Instant) =>
  i.toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');

/** The rule, ending just before `instant` (the old half of a split series). */
export function ruleEndingBefore(rrule: string, instant: Temporal.Instant): string {
  const kept = ruleParts(rrule).filter(([k]) => k !== 'COUNT' && k !== 'UNTIL');
  return [...kept, ['UNTIL', utcStamp(instant.subtract({ seconds: 1 }))]]
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
}

/** The rule with COUNT set to `count` (the new half of a split series, when it counted). */
export function ruleWithCount(rrule: string, count: number): string {
  const parts = ruleParts(rrule);
  if (!parts.some(([k]) => k === 'COUNT')) return rrule;
  return parts.map(([k, v]) => `${k}=${k === 'COUNT' ? String(count) : v}`).join(';');
}
