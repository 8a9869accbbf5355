/** Audit actions of the diagnoses and insurance feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const DIAGNOSIS_ACTIONS = ['diagnosis.create', 'diagnosis.delete'] as const;
