import type { AppointmentKind, Channel, Rule } from './types.ts';

export type OffsetUnit = 'minutes' | 'hours' | 'days';

export const UNIT_MINUTES: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** The database's limits on a rule's offset: 15 minutes to 30 days. */
export const MIN_OFFSET = 15;
export const MAX_OFFSET = 43_200;

/**
 * 4320 → 3 days; 2880 → 48 hours; 90 → 90 minutes: as `offsetWords` says it, so the dialog and
 * the list agree (hours up to two days, as people say "48 hours").
 */
export function splitOffset(minutes: number): { amount: number; unit: OffsetUnit } {
  if (minutes % 1440 === 0 && minutes > 2880) return { amount: minutes / 1440, unit: 'days' };
  if (minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/**
 * "48 hours before": hours up to two days, as people say it ("48 hours", "2 hours"), then
 * days; minutes when it is not a whole hour.
 */
export function offsetWords(minutes: number): string {
  if (minutes % 1440 === 0 && minutes > 2880) {
    const d = minutes / 1440;
    return `${d} ${d === 1 ? 'day' : 'days'} before`;
  }
  if (minutes % 60 === 0) {
    const h = minutes / 60;
    return `${h} ${h === 1 ? 'hour' : 'hours'} before`;
  }
  return `${minutes} minutes before`;
}

export const CHANNEL_WORDS: Record<Channel, string> = { sms: 'Text', email: 'Email' };
export const KIND_WORDS: Record<AppointmentKind, string> = {
  in_person: 'In person',
  telehealth: 'Video',
};

const both = (a: string, b: string) => `${a} and ${b.toLowerCase()}`;

export function channelsWords(channels: readonly Channel[]): string {
  const sms = channels.includes('sms');
  const email = channels.includes('email');
  return sms && email ? both('Text', 'Email') : sms ? 'Text' : 'Email';
}

export function kindsWords(kinds: readonly AppointmentKind[]): string {
  const inPerson = kinds.includes('in_person');
  const video = kinds.includes('telehealth');
  return inPerson && video
    ? both('In person', 'Video')
    : inPerson
      ? 'In person only'
      : 'Video only';
}

/** "48 hours before · Text and email · In person and video · asks to confirm". */
export function describeRule(
  r: Pick<Rule, 'offsetMinutes' | 'channels' | 'kinds' | 'askConfirmation'>,
) {
  return [
    offsetWords(r.offsetMinutes),
    channelsWords(r.channels),
    kindsWords(r.kinds),
    ...(r.askConfirmation ? ['asks to confirm'] : []),
  ].join(' · ');
}
