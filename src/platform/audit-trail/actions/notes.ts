/** Audit actions of the clinical notes feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const NOTE_ACTIONS = [
  'note.read',
  'note.export',
  'note.list',
  'note.create',
  'note.update',
  'note.discard',
  'note.sign',
  'note.unlock',
  'note.cosign',
  'note.addendum.create',
  'note.version.list',
  'note.version.read',
  // The two staff fields the notes need (supervisor, credentials), set by an administrator.
  'user.supervisor.changed',
  'user.credentials.changed',
] as const;
