import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { NoteFields } from './fields.ts';

/**
 * What a signature covers, and how anyone can recompute it (docs/notes.md): the SHA-256, in
 * hex, of the RFC 8785 canonical JSON of these members. Canonical JSON fixes key order,
 * spacing and number format, so the same content always gives the same hash.
 */
export interface SignedNoteContent {
  noteId: string;
  clientId: string;
  template: string;
  dateOfService: string;
  fields: NoteFields;
}

export interface SignedAddendumContent {
  addendumId: string;
  noteId: string;
  clientId: string;
  /** The hash of the signed note it amends: an addendum is bound to that content. */
  noteSha256: string;
  text: string;
}

export function sha256Canonical(value: SignedNoteContent | SignedAddendumContent): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('content cannot be canonicalised');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
