/**
 * Audit actions of a client's replies to reminders (merged into AUDIT_ACTIONS in ../actions.ts).
 * The actor is the channel (a system job: `sms-reply`, `email-link`), never a staff member.
 */
export const REMINDER_REPLY_ACTIONS = [
  // The reply link opened: the appointment's time, clinician and place are shown to its holder.
  'appointment.reply_link.read',
  // The client confirmed or cancelled; denied: the answer came too late or a second time.
  'appointment.client_reply',
] as const;
