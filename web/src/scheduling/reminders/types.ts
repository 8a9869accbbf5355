// Hand-written from the issue 17 contract (CORE's `GET /api/v1/appointments/:id/reminders`),
// because that route is not in this branch yet. Once it is, replace these with
// ItemOf<'/api/v1/appointments/{id}/reminders'>.

export type ReminderStatus = 'pending' | 'queued' | 'withdrawn' | 'skipped';
export type ReminderReply = 'confirmed' | 'cancelled' | 'late_cancelled';

export interface AppointmentReminder {
  id: string;
  channel: 'email' | 'sms';
  dueAt: string;
  status: ReminderStatus;
  /** Why it was withdrawn or skipped: `no_email`, `no_phone`, `bad_phone`, `no_consent`, … */
  statusDetail: string | null;
  /** What became of the message, once it became one. */
  delivery: {
    /** The outbox message's status: queued, sent, delivered or failed. */
    status: string;
    at: string | null;
    reason: string | null;
  } | null;
  reply: ReminderReply | null;
  repliedAt: string | null;
}

export interface AppointmentReminders {
  items: AppointmentReminder[];
}
