import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { FieldCipher, FieldRef, Sealed } from '../../platform/crypto/field.ts';
import { KeyError } from '../../platform/keys/provider.ts';
import type { NoteFields } from '../fields.ts';

/** Where each sealed value of the notes feature lives; bound into its AAD (field.ts). */
export const SEALED = {
  noteFields: (rowId: string): FieldRef => ({ table: 'notes', column: 'fields_sealed', rowId }),
  versionFields: (rowId: string): FieldRef => ({
    table: 'note_versions',
    column: 'fields_sealed',
    rowId,
  }),
  unlockReason: (rowId: string): FieldRef => ({
    table: 'note_versions',
    column: 'reason_sealed',
    rowId,
  }),
  addendumText: (rowId: string): FieldRef => ({
    table: 'note_addenda',
    column: 'text_sealed',
    rowId,
  }),
};

export function sealFields(
  cipher: FieldCipher,
  tx: Tx,
  ref: FieldRef,
  fields: NoteFields,
): Promise<Sealed> {
  return cipher.seal(tx, ref, JSON.stringify(fields));
}

/**
 * Opens a sealed value, or refuses clearly: a value that fails authentication (altered, or
 * copied from another row) is never decrypted to garbage, and nothing of it is shown.
 */
export async function openText(
  cipher: FieldCipher,
  tx: Tx,
  ref: FieldRef,
  value: Sealed,
): Promise<string> {
  try {
    return await cipher.open(tx, ref, value);
  } catch (err) {
    if (!(err instanceof KeyError)) throw err;
    throw new AppError('sealed_value_unreadable', {
      status: 500,
      message:
        'This record failed its integrity check, so Hearth will not show it: it may have been altered outside Hearth. Ask your administrator to restore it from a backup.',
    });
  }
}

export async function openFields(
  cipher: FieldCipher,
  tx: Tx,
  ref: FieldRef,
  value: Sealed,
): Promise<NoteFields> {
  return JSON.parse(await openText(cipher, tx, ref, value)) as NoteFields;
}
