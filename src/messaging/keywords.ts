import type { SmsAnswer } from '../platform/sms/replies.ts';

/**
 * What an inbound text asks for. Carriers' opt-out and opt-in words are honoured exactly as
 * carriers define them (the whole message is the word), so "CANCEL" opts out — the answer that
 * cancels an appointment is "X". Case and spaces do not matter.
 */
export type Keyword = { kind: 'opt_out' } | { kind: 'opt_in' } | { kind: 'help' } | SmsAnswerWord;
type SmsAnswerWord = { kind: 'answer'; answer: SmsAnswer };

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

export function keywordOf(body: string): Keyword | null {
  const word = body.replace(/\s+/g, '').toUpperCase();
  if (OPT_OUT.has(word)) return { kind: 'opt_out' };
  if (OPT_IN.has(word)) return { kind: 'opt_in' };
  if (HELP.has(word)) return { kind: 'help' };
  if (word === 'C') return { kind: 'answer', answer: 'confirm' };
  if (word === 'X') return { kind: 'answer', answer: 'cancel' };
  return null;
}

/**
 * The answer to HELP. The number sends for every practice on this deployment, so it names
 * Hearth's reminders, not a practice, and says nothing about why anyone is seen.
 */
export const HELP_TEXT =
  'Hearth appointment reminders: texts about appointments you booked. Reply C to confirm or X to cancel when a reminder asks. Reply STOP to opt out, START to opt back in. Msg & data rates may apply.';
