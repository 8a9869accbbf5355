/** Audit actions of the reminders feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const REMINDER_ACTIONS = [
  // Reminders core: a reminder became a message (or was skipped), by the send job.
  'reminder.send',
  'reminder.settings.changed',
  'reminder.rule.created',
  'reminder.rule.changed',
  'reminder.rule.deleted',
  // A client's channels, consent to texts and time zone: client data, read and written.
  'client.contact_preferences.read',
  'client.contact_preferences.changed',
  // Which reminders an appointment has, and what became of them.
  'appointment.reminders.read',
] as const;
