/** Audit actions of the diagnoses and insurance feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const DIAGNOSIS_ACTIONS = [
  'diagnosis.read',
  'diagnosis.create',
  'diagnosis.update',
  'diagnosis.delete',
  'insurance.read',
  'insurance.create',
  'insurance.update',
  'insurance.delete',
  // A new ICD-10-CM code set was loaded: recorded in every practice's trail (system actor).
  'diagnosis.code_set.loaded',
] as const;
