import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit-trail/record.ts';
import { locateNote, reachDetail, Refusal, settle, withNoteAccess } from '../access.ts';
import { noteContentHash } from './content-hash.ts';
import { authorOnly } from '../drafts/drafts.ts';
import { missingFields } from '../fields.ts';
import { insertHistoryEntry } from '../history/history-queries.ts';
import { selectNote, selectSignerFacts, updateNoteRow } from '../queries.ts';
import { openFields, SEALED, sealFields } from './sealing.ts';
import type { Acting, NoteDeps } from '../service.ts';
import { toHeader } from '../views.ts';

/**
 * Signs a draft as its author: records the signer, their credentials, the time and the SHA-256
 * of the canonical content (content-hash.ts), keeps that content in the history, and locks the
 * note. An associate's note waits for their supervisor's co-signature when the practice asks
 * for it. One transaction.
 */
export async function signNote(deps: NoteDeps, acting: Acting & { noteId: string }) {
  const { actor, context, noteId } = acting;
  const location = await locateNote(deps.db, actor, noteId);
  const result = await withNoteAccess(
    deps.db,
    actor,
    location,
    context,
    'note.sign',
    async (tx) => {
      const notAuthor = authorOnly(actor, location, 'sign');
      if (notAuthor) return notAuthor;
      const note = (await selectNote(tx, noteId, { lock: true }))!;
      if (note.status !== 'draft') {
        return new Refusal(AppError.conflict('This note is already signed.', 'already_signed'));
      }
      const fields = await openFields(
        deps.fields,
        tx,
        SEALED.noteFields(noteId),
        note.fields_sealed,
      );
      const missing = missingFields(note.template, fields);
      if (missing.length > 0) {
        return new Refusal(
          AppError.badRequest(
            `Fill in these fields before signing: ${missing.join(', ')}.`,
            'note_incomplete',
          ),
        );
      }
      const sha256 = noteContentHash(note, fields);
      const signer = await selectSignerFacts(tx, actor.userId);
      const cosignRequired = signer.cosign_associate_notes && signer.role === 'associate';
      const entryId = randomUUID();
      await insertHistoryEntry(tx, {
        id: entryId,
        note_id: noteId,
        n: note.history_seq + 1,
        kind: 'sign',
        actor_id: actor.userId,
        started_at: note.draft_opened_at,
        version: note.version,
        date_of_service: note.date_of_service,
        fields_sealed: await sealFields(deps.fields, tx, SEALED.versionFields(entryId), fields),
        credentials: signer.credentials,
        content_sha256: sha256,
      });
      const row = await updateNoteRow(tx, noteId, {
        status: cosignRequired ? 'pending_cosign' : 'signed',
        signed_at: sql<Date>`now()`,
        signed_by: actor.userId,
        signer_credentials: signer.credentials,
        content_sha256: sha256,
        cosign_required: cosignRequired,
        draft_opened_at: null,
        history_seq: note.history_seq + 1,
      });
      await audit(tx, context, {
        action: 'note.sign',
        subjectType: 'note',
        subjectId: noteId,
        clientId: location.clientId,
        detail: { version: note.version, sha256, cosignRequired },
      });
      return toHeader(row);
    },
  );
  return settle(deps.db, actor, context, 'note.sign', location, result);
}

const MIN_REASON = 10;

/**
 * Unlocks a signed note with a reason (`unlock:note:any`): the reason is sealed and kept in
 * the history, the note returns to draft, and the earlier signature stays in the history.
 */
export async function unlockNote(
  deps: NoteDeps,
  acting: Acting & { noteId: string; confirm: boolean | undefined; reason: string | undefined },
) {
  const { actor, context, noteId } = acting;
  const reason = acting.reason?.trim() ?? '';
  if (acting.confirm !== true || reason.length < MIN_REASON) {
    throw AppError.badRequest(
      `To unlock a signed note, send "confirm": true and a "reason" of at least ${MIN_REASON} characters saying why it must change; the reason is kept in the note's history.`,
      'unlock_needs_reason',
    );
  }
  // Through the door like every other action on a note: unlocking strips signatures, so a
  // supervisor may do it only to notes the rule lets them reach.
  const location = await locateNote(deps.db, actor, noteId);
  const result = await withNoteAccess(
    deps.db,
    actor,
    location,
    context,
    'note.unlock',
    async (tx, reach) => {
      const note = (await selectNote(tx, noteId, { lock: true }))!;
      if (note.status === 'draft') {
        return new Refusal(
          AppError.conflict(
            'This note is not signed; its author can edit it as it is.',
            'not_signed',
          ),
        );
      }
      const entryId = randomUUID();
      await insertHistoryEntry(tx, {
        id: entryId,
        note_id: noteId,
        n: note.history_seq + 1,
        kind: 'unlock',
        actor_id: actor.userId,
        version: note.version,
        reason_sealed: await deps.fields.seal(tx, SEALED.unlockReason(entryId), reason),
      });
      const row = await updateNoteRow(tx, noteId, {
        status: 'draft',
        signed_at: null,
        signed_by: null,
        signer_credentials: null,
        content_sha256: null,
        cosign_required: false,
        cosigned_at: null,
        cosigned_by: null,
        cosigner_credentials: null,
        history_seq: note.history_seq + 1,
        updated_at: sql<Date>`now()`,
      });
      await audit(tx, context, {
        action: 'note.unlock',
        subjectType: 'note',
        subjectId: noteId,
        clientId: note.client_id,
        detail: { from: note.status, version: note.version, ...reachDetail(reach) },
      });
      return toHeader(row);
    },
  );
  return settle(deps.db, actor, context, 'note.unlock', location, result);
}
