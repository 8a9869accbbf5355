/** Audit actions of the scheduling feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const SCHEDULING_ACTIONS = [
  // A calendar shows client names: every read of appointments is a PHI read.
  'appointment.list',
  'appointment.read',
  'appointment.create',
  'appointment.update',
  // Clinicians' hours and time off: not PHI, but who changed a schedule matters.
  'availability.hours.changed',
  'availability.time_off.created',
  'availability.time_off.deleted',
  'location.created',
  'location.archived',
  // Secret-URL calendar feeds: issued, revoked, and every fetch (by the anonymous holder).
  'calendar_feed.created',
  'calendar_feed.revoked',
  'calendar_feed.read',
] as const;
