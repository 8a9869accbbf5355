import type { ReplyView } from './api.ts';

// The reply page's words, for a client who reads it on a phone from an email: the appointment
// in its own zone (the practice's clock, not the phone's), and the outcome in plain sentences.

/** "Tuesday, December 8" */
export function dayWords(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: zone,
  }).format(new Date(iso));
}

/** "10:00 – 10:50 AM EST" */
export function timeWords(startIso: string, endIso: string, zone: string): string {
  const f = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone,
    timeZoneName: 'short',
  });
  return f.formatRange(new Date(startIso), new Date(endIso));
}

export const placeWords = (place: string) => place.charAt(0).toUpperCase() + place.slice(1);

/** What cancelling means for the fee policy, said before the client decides. */
export function lateNotice(v: ReplyView): string {
  const hours = `${v.lateCancelHours} hour${v.lateCancelHours === 1 ? '' : 's'}`;
  return v.lateCancelNotice
    ? `Your appointment is less than ${hours} away, so cancelling now counts as a late cancellation. The practice’s cancellation policy may apply.`
    : `Cancelling less than ${hours} before the start counts as a late cancellation. Cancelling now does not.`;
}

/** The outcome: a heading and a sentence. `now`: this visit gave the answer. */
export function answeredWords(v: ReplyView, now: boolean): { title: string; text: string } {
  const before = now ? '' : 'You already answered this reminder. ';
  if (v.answer === 'confirmed') {
    return {
      title: 'Your appointment is confirmed',
      text: `${before}Thank you. ${v.practiceName} looks forward to seeing you.`,
    };
  }
  const late =
    v.answer === 'late_cancelled'
      ? `As it was less than ${v.lateCancelHours} hours before the start, it counts as a late cancellation. `
      : '';
  return {
    title: 'Your appointment is cancelled',
    text: `${before}${late}To book another time, contact ${v.practiceName}.`,
  };
}
