import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit-trail/record.ts';
import { locateNote, Refusal, settle, withNoteAccess } from '../access.ts';
import { isPracticeAdmin } from '../author-notes.ts';
import { noteContentHash, signatureMismatch } from './content-hash.ts';
import { insertHistoryEntry } from '../history/history-queries.ts';
import { selectNote, selectSignerFacts, updateNoteRow } from '../queries.ts';
import { openFields, SEALED } from './sealing.ts';
import type { Acting, NoteDeps } from '../service.ts';
import { toHeader } from '../views.ts';

/**
 * The second signature on an associate's note (`cosign:note:supervisee`): only the author's
 * supervisor, or an administrator. The co-signer attests the very content the author signed:
 * its hash is recomputed and must match. One transaction.
 */
export async function cosignNote(
  deps: NoteDeps,
  { actor, context, noteId }: Acting & { noteId: string },
) {
  const location = await locateNote(deps.db, actor, noteId);
  const result = await withNoteAccess(
    deps.db,
    actor,
    location,
    context,
    'note.cosign',
    async (tx) => {
      // Within reach is not enough: the second signature is the author's supervisor's.
      const mayCosign =
        location.authorId !== actor.userId &&
        (location.supervisorId === actor.userId || isPracticeAdmin(actor.role));
      if (!mayCosign) {
        return new Refusal(
          new AppError('not_your_supervisee', {
            status: 403,
            message: "Only the author's supervisor, or an administrator, can co-sign this note.",
          }),
        );
      }
      const note = (await selectNote(tx, noteId, { lock: true }))!;
      if (note.status !== 'pending_cosign') {
        return new Refusal(
          AppError.conflict('This note is not waiting for a co-signature.', 'not_awaiting_cosign'),
        );
      }
      const fields = await openFields(
        deps.fields,
        tx,
        SEALED.noteFields(noteId),
        note.fields_sealed,
      );
      // Cannot differ while the database holds the lock; if it does, the record was tampered with.
      const sha256 = noteContentHash(note, fields);
      if (sha256 !== note.content_sha256) return new Refusal(signatureMismatch(), 'error');
      const cosigner = await selectSignerFacts(tx, actor.userId);
      await insertHistoryEntry(tx, {
        id: randomUUID(),
        note_id: noteId,
        n: note.history_seq + 1,
        kind: 'cosign',
        actor_id: actor.userId,
        version: note.version,
        credentials: cosigner.credentials,
        content_sha256: sha256,
      });
      const row = await updateNoteRow(tx, noteId, {
        status: 'signed',
        cosigned_at: sql<Date>`now()`,
        cosigned_by: actor.userId,
        cosigner_credentials: cosigner.credentials,
        history_seq: note.history_seq + 1,
      });
      await audit(tx, context, {
        action: 'note.cosign',
        subjectType: 'note',
        subjectId: noteId,
        clientId: note.client_id,
        detail: { sha256, supervisor: location.supervisorId === actor.userId },
      });
      return toHeader(row);
    },
  );
  return settle(deps.db, actor, context, 'note.cosign', location, result);
}
