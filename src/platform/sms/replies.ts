/** A client's answer to a reminder text: "C" confirms, "X" cancels. */
export type SmsAnswer = 'confirm' | 'cancel';

/**
 * Applies an answer texted from the number whose keyed digest this is (platform/sms/phone.ts)
 * to that number's open reminder. Resolves with the text to send back, or null when the number
 * has no open reminder (the message is then ignored). Written by the reminders feature; the
 * Twilio webhook (src/messaging) calls it.
 */
export type SmsReplyHandler = (input: {
  digest: Buffer;
  answer: SmsAnswer;
}) => Promise<{ text: string } | null>;
