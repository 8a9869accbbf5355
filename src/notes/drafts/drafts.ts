import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit-trail/record.ts';
import { locateNote, Refusal, settle, withNoteAccess, type NoteLocation } from '../access.ts';
import { checkFields, mergeFields } from '../fields.ts';
import { insertHistoryEntry } from '../history/history-queries.ts';
import { isClientAppointment, selectNote, unknownAppointment, updateNoteRow } from '../queries.ts';
import { openFields, SEALED, sealFields } from '../signing/sealing.ts';
import type { NotePatch } from '../schemas.ts';
import { checkDateOfService, type Acting, type NoteDeps } from '../service.ts';
import { toHeader } from '../views.ts';

export const noteLocked = () =>
  AppError.conflict(
    'This note is signed and locked. Unlock it with a reason to change it, or add an addendum.',
    'note_locked',
  );

export const notYourNote = (what: string) =>
  new AppError('not_your_note', {
    status: 403,
    message: `Only the author of a note can ${what} it.`,
  });

/**
 * Only a note's author edits or signs it. Asked once the door has let the actor reach the note,
 * so that someone out of reach learns nothing more than `not_your_client`; the refusal is then
 * audited by `settle`.
 */
export function authorOnly(
  actor: { userId: string },
  location: NoteLocation,
  what: 'edit' | 'sign' | 'discard',
): Refusal | null {
  return location.authorId === actor.userId ? null : new Refusal(notYourNote(what));
}

/**
 * Saves a draft (autosave-friendly): the fields sent replace those stored, the others stay.
 * `expectedVersion` guards against two tabs overwriting each other. Saves within one editing
 * session (EDIT_SESSION_MINUTES) are one version; the first save after a session has ended
 * first keeps that session's content in the note's history. One transaction.
 */
export async function updateNote(
  deps: NoteDeps,
  acting: Acting & { noteId: string; patch: NotePatch },
) {
  const { actor, context, noteId, patch } = acting;
  const location = await locateNote(deps.db, actor, noteId);
  if (patch.fields) checkFields(location.template, patch.fields);
  checkDateOfService(patch.dateOfService);
  const result = await withNoteAccess(
    deps.db,
    actor,
    location,
    context,
    'note.update',
    async (tx) => {
      const notAuthor = authorOnly(actor, location, 'edit');
      if (notAuthor) return notAuthor;
      const note = (await selectNote(tx, noteId, { lock: true }))!;
      if (note.status !== 'draft') return new Refusal(noteLocked());
      if (
        patch.appointmentId &&
        !(await isClientAppointment(tx, note.client_id, patch.appointmentId))
      ) {
        throw unknownAppointment();
      }
      if (patch.expectedVersion !== undefined && patch.expectedVersion !== note.version) {
        return new Refusal(
          AppError.conflict(
            `This note was saved elsewhere since you opened it (it is now at version ${note.version}). Reload it, then make your change again.`,
            'version_conflict',
          ),
        );
      }
      // The previous session's content is kept unless it already is (a signature keeps it too).
      const keep = note.draft_opened_at !== null && !note.session_open;
      const current =
        patch.fields || keep
          ? await openFields(deps.fields, tx, SEALED.noteFields(noteId), note.fields_sealed)
          : {};
      if (keep) {
        const entryId = randomUUID();
        await insertHistoryEntry(tx, {
          id: entryId,
          note_id: noteId,
          n: note.history_seq + 1,
          kind: 'edit',
          actor_id: note.author_id,
          started_at: note.draft_opened_at,
          occurred_at: note.updated_at,
          version: note.version,
          date_of_service: note.date_of_service,
          fields_sealed: await sealFields(deps.fields, tx, SEALED.versionFields(entryId), current),
        });
      }
      const row = await updateNoteRow(tx, noteId, {
        ...(patch.fields
          ? {
              fields_sealed: await sealFields(
                deps.fields,
                tx,
                SEALED.noteFields(noteId),
                mergeFields(current, patch.fields),
              ),
            }
          : {}),
        ...(patch.dateOfService ? { date_of_service: patch.dateOfService } : {}),
        ...(patch.appointmentId !== undefined ? { appointment_id: patch.appointmentId } : {}),
        version: note.version + 1,
        history_seq: note.history_seq + (keep ? 1 : 0),
        ...(note.session_open ? {} : { draft_opened_at: sql<Date>`now()` }),
        updated_at: sql<Date>`now()`,
      });
      await audit(tx, context, {
        action: 'note.update',
        subjectType: 'note',
        subjectId: noteId,
        clientId: location.clientId,
        detail: {
          version: row.version,
          fieldsChanged: Object.keys(patch.fields ?? {}).length,
          previousKept: keep,
        },
      });
      return toHeader(row);
    },
  );
  return settle(deps.db, actor, context, 'note.update', location, result);
}
