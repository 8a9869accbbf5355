import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit-trail/record.ts';
import { locateNote, reachDetail, Refusal, settle, withNoteAccess } from '../access.ts';
import { sha256Canonical } from './content-hash.ts';
import { insertAddendum, insertHistoryEntry } from '../history/history-queries.ts';
import { selectNote, selectSignerFacts, updateNoteRow } from '../queries.ts';
import { SEALED } from './sealing.ts';
import type { Addendum } from '../schemas.ts';
import type { Acting, NoteDeps } from '../service.ts';

/**
 * Adds an addendum to a signed note: sealed, signed by its author on creation (hash and
 * time), bound to the signed content by that content's hash, and recorded in the history.
 * The note itself stays locked and unchanged.
 */
export async function addAddendum(
  deps: NoteDeps,
  { actor, context, noteId, text }: Acting & { noteId: string; text: string },
): Promise<Addendum> {
  const location = await locateNote(deps.db, actor, noteId);
  const action = 'note.addendum.create';
  const result = await withNoteAccess(
    deps.db,
    actor,
    location,
    context,
    action,
    async (tx, reach) => {
      const note = (await selectNote(tx, noteId, { lock: true }))!;
      if (note.status === 'draft' || !note.content_sha256) {
        return new Refusal(
          AppError.conflict(
            'Addenda are for signed notes; this one is a draft that its author can still edit.',
            'note_not_signed',
          ),
        );
      }
      const id = randomUUID();
      const sha256 = sha256Canonical({
        addendumId: id,
        noteId,
        clientId: note.client_id,
        noteSha256: note.content_sha256,
        text,
      });
      const author = await selectSignerFacts(tx, actor.userId);
      const signedAt = await insertAddendum(tx, {
        id,
        noteId,
        authorId: actor.userId,
        textSealed: await deps.fields.seal(tx, SEALED.addendumText(id), text),
        credentials: author.credentials,
        sha256,
      });
      await insertHistoryEntry(tx, {
        id: randomUUID(),
        note_id: noteId,
        n: note.history_seq + 1,
        kind: 'addendum',
        actor_id: actor.userId,
        version: note.version,
        credentials: author.credentials,
        content_sha256: sha256,
        addendum_id: id,
      });
      await updateNoteRow(tx, noteId, { history_seq: note.history_seq + 1 });
      await audit(tx, context, {
        action,
        subjectType: 'note',
        subjectId: noteId,
        clientId: note.client_id,
        detail: { addendumId: id, sha256, ...reachDetail(reach) },
      });
      return {
        id,
        authorId: actor.userId,
        text,
        signature: {
          signedBy: actor.userId,
          credentials: author.credentials,
          signedAt: signedAt.toISOString(),
          sha256,
        },
      };
    },
  );
  return settle(deps.db, actor, context, action, location, result);
}
