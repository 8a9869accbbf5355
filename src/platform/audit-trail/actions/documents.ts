/** Audit actions of the documents feature and the vault (merged into AUDIT_ACTIONS in ../actions.ts). */
export const DOCUMENT_ACTIONS = [
  'document.read',
  'document.list',
  'document.upload',
  'document.download',
  'document.delete',
  'document.integrity_failed',
  'document.reencrypted',
  'vault.scrubbed',
  'vault.rekeyed',
  'vault.keys_moved',
] as const;
