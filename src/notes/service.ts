import { randomUUID } from 'node:crypto';
import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import type { FieldCipher } from '../platform/crypto/field.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { reachOf, withClientAccess } from '../clients/index.ts';
import { locateNote, reachDetail, withNoteAccess } from './access.ts';
import { checkSignedContent } from './signing/content-hash.ts';
import { checkFields } from './fields.ts';
import { selectAddenda } from './history/history-queries.ts';
import {
  insertNote,
  isClientAppointment,
  selectNote,
  selectNoteHeaders,
  selectExportFacts,
  selectNoteNames,
  unknownAppointment,
  type HeaderFilter,
} from './queries.ts';
import { openFields, openText, SEALED, sealFields } from './signing/sealing.ts';
import type { Addendum, NewNote, NoteHeader } from './schemas.ts';
import { decodeCursor, encodeCursor, toHeader } from './views.ts';

export interface NoteDeps {
  db: Database;
  fields: FieldCipher;
}

export interface Acting {
  actor: Actor;
  context: AuditContext;
}

/** A date of service may be today (in any time zone) or earlier, never a future session. */
export function checkDateOfService(date: string | undefined): void {
  const latest = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  if (date !== undefined && date > latest) {
    throw AppError.badRequest(
      'The date of service is in the future; a note documents a service that has happened.',
      'invalid_date_of_service',
    );
  }
}

/** Starts a draft for a client in the author's reach. Its fields are sealed before storage. */
export async function createNote(
  deps: NoteDeps,
  { actor, context, clientId, input }: Acting & { clientId: string; input: NewNote },
) {
  checkFields(input.template, input.fields);
  checkDateOfService(input.dateOfService);
  return withClientAccess(deps.db, actor, clientId, context, 'note.create', async (tx, access) => {
    if (input.appointmentId && !(await isClientAppointment(tx, clientId, input.appointmentId))) {
      throw unknownAppointment();
    }
    const id = randomUUID();
    const row = await insertNote(tx, {
      id,
      clientId,
      authorId: actor.userId,
      template: input.template,
      dateOfService: input.dateOfService,
      appointmentId: input.appointmentId ?? null,
      fieldsSealed: await sealFields(deps.fields, tx, SEALED.noteFields(id), input.fields),
    });
    await audit(tx, context, {
      action: 'note.create',
      subjectType: 'note',
      subjectId: id,
      clientId,
      detail: { template: input.template, ...(access.breakGlass ? { breakGlass: true } : {}) },
    });
    return { ...toHeader(row), fields: input.fields, addenda: [] };
  });
}

/** A note's content as it stands, opened and checked against its signature, with names. */
async function openNote(deps: NoteDeps, tx: Tx, noteId: string) {
  const row = (await selectNote(tx, noteId, { lock: false }))!;
  const fields = await openFields(deps.fields, tx, SEALED.noteFields(noteId), row.fields_sealed);
  checkSignedContent(row, fields, row.content_sha256);
  const addenda: Addendum[] = [];
  for (const a of await selectAddenda(tx, noteId)) {
    addenda.push({
      id: a.id,
      authorId: a.author_id,
      text: await openText(deps.fields, tx, SEALED.addendumText(a.id), a.text_sealed),
      signature: {
        signedBy: a.author_id,
        name: a.author_name,
        credentials: a.author_credentials,
        signedAt: a.signed_at.toISOString(),
        sha256: a.content_sha256,
      },
    });
  }
  const names = await selectNoteNames(tx, noteId);
  const header = toHeader({ ...row, ...names });
  const note = {
    ...header,
    signature: header.signature && { ...header.signature, name: names.signer_name ?? undefined },
    cosignature: header.cosignature && {
      ...header.cosignature,
      name: names.cosigner_name ?? undefined,
    },
    fields,
    addenda,
  };
  return { note, names };
}

export type OpenedNote = Awaited<ReturnType<typeof openNote>>;

/** A whole note: its fields and its addenda, opened for a reader the note is within reach of. */
export async function readNote(
  deps: NoteDeps,
  { actor, context, noteId }: Acting & { noteId: string },
) {
  const location = await locateNote(deps.db, actor, noteId);
  return withNoteAccess(deps.db, actor, location, context, 'note.read', async (tx, reach) => {
    const { note, names } = await openNote(deps, tx, noteId);
    await audit(tx, context, {
      action: 'note.read',
      subjectType: 'note',
      subjectId: noteId,
      clientId: location.clientId,
      detail: { addenda: note.addenda.length, ...reachDetail(reach) },
    });
    return {
      ...note,
      // Reached through its author only, the note may be about a client out of the reader's
      // reach: the screen then offers no chart to open.
      clientChart: (await reachOf(tx, actor, { clientId: location.clientId })) !== null,
      authorSupervised: names.supervisor_id === actor.userId,
    };
  });
}

/**
 * A signed note, opened for export (the PDF): audited as `note.export` — what left Hearth in a
 * file — instead of a read. A draft is not exported: it is not yet what the author attests.
 */
export async function exportNote(
  deps: NoteDeps,
  { actor, context, noteId }: Acting & { noteId: string },
): Promise<OpenedNote & { client: { dateOfBirth: string }; timeZone: string }> {
  const location = await locateNote(deps.db, actor, noteId);
  return withNoteAccess(deps.db, actor, location, context, 'note.export', async (tx, reach) => {
    const opened = await openNote(deps, tx, noteId);
    if (opened.note.status === 'draft') {
      throw AppError.conflict(
        'Only a signed note can be downloaded as a PDF; sign it first.',
        'note_not_signed',
      );
    }
    const facts = await selectExportFacts(tx, location.clientId);
    await audit(tx, context, {
      action: 'note.export',
      subjectType: 'note',
      subjectId: noteId,
      clientId: location.clientId,
      detail: { format: 'pdf', addenda: opened.note.addenda.length, ...reachDetail(reach) },
    });
    return { ...opened, client: { dateOfBirth: facts.date_of_birth }, timeZone: facts.time_zone };
  });
}

export interface Page {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** One page of headers, newest date of service first, audited with its count. */
export async function headerPage(
  tx: Tx,
  filter: HeaderFilter,
  page: Page,
): Promise<{ items: NoteHeader[]; nextCursor: string | null }> {
  const after = decodeCursor(page.cursor);
  if (after === null)
    throw AppError.badRequest(
      'The cursor is not valid; start from the first page.',
      'invalid_cursor',
    );
  const limit = page.limit ?? 50;
  const rows = await selectNoteHeaders(tx, { ...filter, after }, limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toHeader),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** A client's notes, headers only: no field text ever appears in a list. */
export async function listClientNotes(
  deps: NoteDeps,
  {
    actor,
    context,
    clientId,
    query,
  }: Acting & { clientId: string; query: Page & { status?: NoteHeader['status'] | undefined } },
) {
  return withClientAccess(deps.db, actor, clientId, context, 'note.list', async (tx, access) => {
    const page = await headerPage(tx, { clientId, status: query.status }, query);
    await audit(tx, context, {
      action: 'note.list',
      subjectType: 'client',
      subjectId: clientId,
      clientId,
      detail: { count: page.items.length, ...(access.breakGlass ? { breakGlass: true } : {}) },
    });
    return page;
  });
}
