// Why a message failed, in words: the delivery log and an appointment's reminders both say it.

/** Providers' reasons people meet most, in words; anything else is shown as the provider said it. */
const REASONS: Record<string, string> = {
  // Twilio's error codes (https://www.twilio.com/docs/api/errors).
  '21211': 'Not a valid phone number',
  '21408': 'Texts to that country are not enabled',
  '21610': 'The number replied STOP: it gets no texts until START',
  '21614': 'Not a mobile number',
  '30003': 'The phone was unreachable (off or out of coverage)',
  '30004': 'The number blocks texts',
  '30005': 'The number does not exist',
  '30006': 'A landline, or a carrier that does not take texts',
  '30007': 'The carrier filtered it as spam',
  '30008': 'The carrier did not say why',
  // Hearth's own.
  expired: 'Too late: the appointment had started, so it was not sent',
  opted_out: 'The number replied STOP',
  timeout: 'The provider did not answer in time; Hearth tries again',
};

export function reasonWords(reason: string | null): string {
  if (!reason) return '';
  const code = /^\s*(\d{5})\b/.exec(reason)?.[1] ?? reason.trim();
  if (REASONS[code]) return REASONS[code];
  if (/^5\d\d\b/.test(reason)) return `The mail server refused it (${reason})`;
  if (/^4\d\d\b/.test(reason)) return `The mail server asked to try later (${reason})`;
  return reason;
}
