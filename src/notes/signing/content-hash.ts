import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../../platform/errors.ts';
import type { NoteFields } from '../fields.ts';

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

/** The hash a signature of this note and content records. */
export function noteContentHash(
  note: { id: string; client_id: string; template: string; date_of_service: string },
  fields: NoteFields,
): string {
  return sha256Canonical({
    noteId: note.id,
    clientId: note.client_id,
    template: note.template,
    dateOfService: note.date_of_service,
    fields,
  });
}

export const signatureMismatch = () =>
  new AppError('signature_mismatch', {
    status: 500,
    message:
      'This note no longer matches its signature, so Hearth will not show or co-sign it: it may have been altered outside Hearth. Tell your administrator.',
  });

/**
 * A signed note's text must still hash to what its signature recorded. Checked on every read,
 * so that even a ciphertext swapped in around the database's lock is refused.
 */
export function checkSignedContent(
  note: { id: string; client_id: string; template: string; date_of_service: string },
  fields: NoteFields,
  sha256: string | null,
): void {
  if (sha256 !== null && noteContentHash(note, fields) !== sha256) throw signatureMismatch();
}
