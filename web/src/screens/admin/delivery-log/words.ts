import type { DeliveryChannel, DeliveryStatus, MessageKind } from './types.ts';

export { reasonWords } from '../../../ui/delivery-reasons.ts';

export const KIND_WORDS: Record<MessageKind, string> = {
  reminder: 'Appointment reminder',
  reply: 'Answer to a client',
  digest: 'Staff digest',
  account: 'Account (sign-in, invitation)',
  alert: 'Security alert',
};

export const CHANNEL_WORDS: Record<DeliveryChannel, string> = { email: 'Email', sms: 'Text' };

export const STATUS_WORDS: Record<DeliveryStatus, { label: string; color: string }> = {
  queued: { label: 'Waiting', color: 'gray' },
  sent: { label: 'Sent', color: 'blue' },
  delivered: { label: 'Delivered', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

/** The contract says a rate: read 0.25 as 25 %, and a number above 1 as already a percentage. */
export function failureRatePercent(rate: number): number {
  return Math.round((rate <= 1 ? rate * 100 : rate) * 10) / 10;
}
