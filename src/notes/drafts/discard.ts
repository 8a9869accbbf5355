import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit-trail/record.ts';
import { locateNote, Refusal, settle, withNoteAccess } from '../access.ts';
import { openFields, SEALED } from '../signing/sealing.ts';
import { deleteDraft, selectNote, selectHistoryKinds } from '../queries.ts';
import type { Acting, NoteDeps } from '../service.ts';
import { authorOnly, noteLocked } from './drafts.ts';

const onceSigned = () =>
  AppError.conflict(
    'This draft was signed before and unlocked, so it is part of the record and cannot be discarded. Sign it again once it is right.',
    'note_was_signed',
  );

function hasText(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasText);
  if (value && typeof value === 'object') return Object.values(value).some(hasText);
  return false;
}

/**
 * Discards a draft its author will not finish: the note goes, with the earlier versions of its
 * text (a draft never signed is not part of the record). Only the author, only a draft that was
 * never signed; the audit row — written in the same transaction — keeps that it existed, whose
 * it was and whether it had text, never the text.
 */
export async function discardDraft(deps: NoteDeps, acting: Acting & { noteId: string }) {
  const { actor, context, noteId } = acting;
  const location = await locateNote(deps.db, actor, noteId);
  const result = await withNoteAccess(
    deps.db,
    actor,
    location,
    context,
    'note.discard',
    async (tx) => {
      const notAuthor = authorOnly(actor, location, 'discard');
      if (notAuthor) return notAuthor;
      const note = (await selectNote(tx, noteId, { lock: true }))!;
      if (note.status !== 'draft') return new Refusal(noteLocked());
      const kinds = await selectHistoryKinds(tx, noteId);
      if (kinds.some((k) => k !== 'edit')) return new Refusal(onceSigned());
      const fields = await openFields(
        deps.fields,
        tx,
        SEALED.noteFields(noteId),
        note.fields_sealed,
      );
      // The history's guard lets this note's earlier versions go, in this transaction only.
      await sql`select set_config('hearth.discarding', ${noteId}, true)`.execute(tx);
      await deleteDraft(tx, noteId);
      await audit(tx, context, {
        action: 'note.discard',
        subjectType: 'note',
        subjectId: noteId,
        clientId: location.clientId,
        detail: {
          template: note.template,
          version: note.version,
          versionsKept: kinds.length,
          hadText: hasText(fields),
        },
      });
      return null;
    },
  );
  await settle(deps.db, actor, context, 'note.discard', location, result);
}
