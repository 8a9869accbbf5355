// Why a message failed, in words: the delivery log and an appointment's reminders both say it.
// The outbox keeps the provider's reason as a code (`twilio_30003`, `smtp_550`, `expired`…).

const TWILIO: Record<string, string> = {
  // Twilio's error codes (https://www.twilio.com/docs/api/errors) people meet most.
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
  undelivered: 'The carrier could not deliver it',
  failed: 'Twilio could not send it',
};

const HEARTH: Record<string, string> = {
  expired: 'Not sent in time: its link or the appointment had already passed',
  not_sent_in_time: 'Not sent in time: it waited too long',
  attempts_exhausted: 'Every attempt failed',
  opted_out: 'The number replied STOP',
  ETIMEDOUT: 'The provider did not answer in time',
  ECONNREFUSED: 'The mail or text service could not be reached',
  ECONNRESET: 'The connection to the provider broke off',
};

/** A reason code in words; anything unknown is shown as the provider gave it. */
export function reasonWords(reason: string | null): string {
  if (!reason) return '';
  const code = reason.trim();
  const twilio = /^twilio_(\w+)$/.exec(code)?.[1];
  if (twilio) return TWILIO[twilio] ?? `The text service refused it (code ${twilio})`;
  const smtp = /^smtp_(\d{3})$/.exec(code)?.[1];
  if (smtp?.startsWith('5')) return `The mail server refused it (${smtp})`;
  if (smtp) return `The mail server asked to try later (${smtp})`;
  return HEARTH[code] ?? code;
}
