import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit-trail/record.ts';
import { locateNote, reachDetail, withNoteAccess } from '../access.ts';
import { checkSignedContent } from '../signing/content-hash.ts';
import { selectHistory, selectHistoryEntry } from './history-queries.ts';
import { openFields, openText, SEALED } from '../signing/sealing.ts';
import type { Acting, NoteDeps } from '../service.ts';
import { toHistoryEntry } from '../views.ts';

/** A note's history, oldest first: who did what when. No content (that is one entry's read). */
export async function listVersions(
  deps: NoteDeps,
  { actor, context, noteId }: Acting & { noteId: string },
) {
  const location = await locateNote(deps.db, actor, noteId);
  return withNoteAccess(
    deps.db,
    actor,
    location,
    context,
    'note.version.list',
    async (tx, reach) => {
      const rows = await selectHistory(tx, noteId);
      await audit(tx, context, {
        action: 'note.version.list',
        subjectType: 'note',
        subjectId: noteId,
        clientId: location.clientId,
        detail: { count: rows.length, ...reachDetail(reach) },
      });
      return { items: rows.map(toHistoryEntry), nextCursor: null };
    },
  );
}

/** One history entry with what it kept: earlier content, the signed content, or a reason. */
export async function readVersion(
  deps: NoteDeps,
  { actor, context, noteId, n }: Acting & { noteId: string; n: number },
) {
  const location = await locateNote(deps.db, actor, noteId);
  return withNoteAccess(
    deps.db,
    actor,
    location,
    context,
    'note.version.read',
    async (tx, reach) => {
      const row = await selectHistoryEntry(tx, noteId, n);
      if (!row) throw AppError.notFound('This note has no such version.');
      const fields = row.fields_sealed
        ? await openFields(deps.fields, tx, SEALED.versionFields(row.id), row.fields_sealed)
        : null;
      if (fields && row.kind === 'sign') {
        const signed = {
          id: noteId,
          client_id: location.clientId,
          template: location.template,
          date_of_service: row.date_of_service!,
        };
        checkSignedContent(signed, fields, row.content_sha256);
      }
      const reason = row.reason_sealed
        ? await openText(deps.fields, tx, SEALED.unlockReason(row.id), row.reason_sealed)
        : null;
      await audit(tx, context, {
        action: 'note.version.read',
        subjectType: 'note',
        subjectId: noteId,
        clientId: location.clientId,
        detail: { n, kind: row.kind, ...reachDetail(reach) },
      });
      return { ...toHistoryEntry(row), dateOfService: row.date_of_service, fields, reason };
    },
  );
}
