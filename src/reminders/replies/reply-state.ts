import type { ReminderReply } from '../../platform/db/tables/reminders.ts';
import type { ReplyTarget } from './queries.ts';

export type ReplyState = 'open' | 'answered' | 'expired';

/** What the client is shown about the appointment a reminder is for (the API's answer). */
export interface ReplyView {
  start: string;
  end: string;
  timeZone: string;
  clinicianName: string;
  practiceName: string;
  place: string;
  state: ReplyState;
  answer: ReminderReply | null;
  lateCancelNotice: boolean;
  lateCancelHours: number;
}

const HOUR = 3_600_000;
const BOOKED = ['scheduled', 'confirmed'];

/** A cancellation now is late: less than the practice's late-cancel window before the start. */
export function isLate(t: ReplyTarget, now: Date): boolean {
  return t.start_at.getTime() - now.getTime() < t.late_cancel_hours * HOUR;
}

/**
 * Whether the reminder can still be answered. The first answer stands. A reminder speaks of one
 * start time: once the appointment has started, moved, or been cancelled by the practice (or
 * the practice is no longer active), it no longer applies. An appointment the client already
 * cancelled through another reminder (a text, then the email link) shows that answer.
 */
export function stateOf(
  t: ReplyTarget,
  now: Date,
): { state: ReplyState; answer: ReminderReply | null } {
  if (t.reply) return { state: 'answered', answer: t.reply };
  const applies =
    t.practice_status === 'active' &&
    t.start_at.getTime() > now.getTime() &&
    t.appointment_start.getTime() === t.start_at.getTime();
  if (applies && (t.status === 'cancelled' || t.status === 'late_cancelled')) {
    if (t.status_reason === 'by_client') return { state: 'answered', answer: t.status };
  }
  if (!applies || !BOOKED.includes(t.status)) return { state: 'expired', answer: null };
  return { state: 'open', answer: null };
}

export function viewOf(
  t: ReplyTarget,
  now: Date,
  s: { state: ReplyState; answer: ReminderReply | null } = stateOf(t, now),
): ReplyView {
  return {
    start: t.start_at.toISOString(),
    end: t.end_at.toISOString(),
    timeZone: t.time_zone,
    clinicianName: t.clinician_name,
    practiceName: t.practice_name,
    place: t.kind === 'telehealth' ? 'video session' : (t.location_name ?? 'in person'),
    state: s.state,
    answer: s.answer,
    lateCancelNotice: s.state === 'open' && isLate(t, now),
    lateCancelHours: t.late_cancel_hours,
  };
}
