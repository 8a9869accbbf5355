/** Audit actions of the staff digests (merged into AUDIT_ACTIONS in ../actions.ts). */
export const DIGEST_ACTIONS = ['user.digest_email.changed'] as const;
