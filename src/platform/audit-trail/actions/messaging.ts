/** Audit actions of the messaging feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const MESSAGING_ACTIONS = ['delivery_log.read'] as const;
