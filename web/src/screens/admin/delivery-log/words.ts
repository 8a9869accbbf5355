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

/** The summary's rate (0 to 1) as a percentage with one decimal. */
export function failureRatePercent(rate: number): number {
  return Math.round(rate * 1000) / 10;
}
