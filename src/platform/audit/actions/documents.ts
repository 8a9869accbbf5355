/** Audit actions of the documents and the vault feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const DOCUMENT_ACTIONS = [
  'document.read',
  'document.upload',
  'document.download',
  'document.delete',
  'document.integrity_failed',
] as const;
