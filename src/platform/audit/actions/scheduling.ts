/** Audit actions of the scheduling feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const SCHEDULING_ACTIONS = [
  'appointment.read',
  'appointment.create',
  'appointment.update',
] as const;
