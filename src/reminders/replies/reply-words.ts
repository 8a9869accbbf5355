import type { ReplyView } from './reply-state.ts';

// What a client reads in the text that answers their reply: the date, the time and the
// practice's name, nothing else (no clinician, client or service: a phone's lock screen shows
// it). en-US like the rest of the server's words, and GSM-7 characters only (no dashes or
// curly quotes), so that each answer stays one cheap segment where it can.

/** "Tue, Dec 8 at 10:00 AM" in `zone` (formatToParts: no narrow no-break space before AM). */
export function whenWords(startIso: string, zone: string): string {
  const at = new Date(startIso);
  const day = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: zone,
  }).format(at);
  const parts = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZone: zone,
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${day} at ${part('hour')}:${part('minute')} ${part('dayPeriod')}`;
}

const ANSWERED: Record<NonNullable<ReplyView['answer']>, string> = {
  confirmed: 'is confirmed',
  cancelled: 'is cancelled',
  late_cancelled: 'is cancelled',
};

/**
 * The text sent back to a reply: `changed` when this reply made the change, else the reminder
 * was answered before (the first answer stands) or no longer applies.
 */
export function smsReplyText(view: ReplyView, changed: boolean): string {
  const when = whenWords(view.start, view.timeZone);
  const practice = view.practiceName;
  if (view.state === 'expired' || !view.answer) {
    return `This reminder no longer applies. Please contact ${practice} about your appointment.`;
  }
  const what = `your appointment on ${when} ${ANSWERED[view.answer]}`;
  if (!changed) return `You have already answered: ${what}. ${practice}`;
  if (view.answer === 'confirmed') return `Thank you, ${what}. ${practice}`;
  if (view.answer === 'late_cancelled') {
    return `Thank you, ${what}. With less than ${view.lateCancelHours} hours' notice it counts as a late cancellation. ${practice}`;
  }
  return `Thank you, ${what}. ${practice}`;
}
