import { reasonWords } from '../../ui/delivery-reasons.ts';
import type { AppointmentReminder } from './types.ts';

const DETAIL: Record<string, string> = {
  no_email: 'no email address on file',
  no_phone: 'no mobile number on file',
  bad_phone: 'the phone number is not a valid mobile number',
  no_consent: 'no recorded agreement to texts',
  opted_out: 'the number replied STOP',
  appointment_changed: 'the appointment changed',
  too_late: 'the appointment had already started',
};

export const detailWords = (detail: string | null) =>
  detail ? (DETAIL[detail] ?? detail.replace(/_/g, ' ')) : '';

/** "48 h before", "2 days before", "30 min before", from the start and the due time. */
export function beforeWords(start: string, dueAt: string): string {
  const minutes = Math.round((Date.parse(start) - Date.parse(dueAt)) / 60_000);
  if (minutes < 60) return `${minutes} min before`;
  const hours = minutes / 60;
  if (hours <= 72 && Number.isInteger(Math.round(hours * 2) / 2))
    return `${Math.round(hours * 2) / 2} h before`;
  return `${Math.round(hours / 24)} days before`;
}

/** Where a reminder stands, in a word or two ("delivered", "not sent: no mobile number on file"). */
export function stateWords(r: AppointmentReminder): { text: string; color: string } {
  if (r.status === 'pending') return { text: 'planned', color: 'gray' };
  if (r.status === 'withdrawn') return { text: 'withdrawn', color: 'gray' };
  if (r.status === 'skipped')
    return {
      text: `not sent: ${detailWords(r.statusDetail) || 'no reason given'}`,
      color: 'orange',
    };
  const d = r.delivery;
  if (!d || d.status === 'queued') return { text: 'waiting to be sent', color: 'gray' };
  if (d.status === 'sent') return { text: 'sent', color: 'blue' };
  if (d.status === 'delivered') return { text: 'delivered', color: 'teal' };
  if (d.status !== 'failed') return { text: d.status, color: 'gray' };
  const why = reasonWords(d.reason);
  return {
    text: why ? `failed: ${why.charAt(0).toLowerCase()}${why.slice(1)}` : 'failed',
    color: 'red',
  };
}

export const REPLY_WORDS: Record<NonNullable<AppointmentReminder['reply']>, string> = {
  confirmed: 'Client confirmed',
  cancelled: 'Client cancelled',
  late_cancelled: 'Client cancelled late',
};
