import { AppError } from '../platform/errors.ts';
import { sql, type RawBuilder, type UpdateObject } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { DB, Sealed } from '../platform/db/schema.ts';
import type { NoteStatus, NoteTemplateId } from '../platform/db/tables/notes.ts';

/**
 * Saves by the author within this many minutes of the start of an editing session are one
 * version: autosave every few seconds must not leave hundreds of versions behind.
 */
export const EDIT_SESSION_MINUTES = 5;

const HEADER_COLUMNS = [
  'notes.id',
  'notes.client_id',
  'notes.author_id',
  'notes.template',
  'notes.status',
  'notes.date_of_service',
  'notes.appointment_id',
  'notes.version',
  'notes.signed_at',
  'notes.signed_by',
  'notes.signer_credentials',
  'notes.content_sha256',
  'notes.cosign_required',
  'notes.cosigned_at',
  'notes.cosigned_by',
  'notes.cosigner_credentials',
  'notes.created_at',
  'notes.updated_at',
] as const;

/** Where a note sits: whose client, whose note, who supervises its author. No content. */
export async function selectNoteLocation(tx: Tx, noteId: string) {
  return tx
    .selectFrom('notes')
    .innerJoin('users as author', 'author.id', 'notes.author_id')
    .select(['notes.client_id', 'notes.author_id', 'notes.template', 'author.supervisor_id'])
    .where('notes.id', '=', noteId)
    .executeTakeFirst();
}

export async function selectNote(tx: Tx, noteId: string, options: { lock: boolean }) {
  const query = tx
    .selectFrom('notes')
    .select([
      ...HEADER_COLUMNS,
      'notes.fields_sealed',
      'notes.draft_opened_at',
      'notes.history_seq',
      // The database's clock decides, so that several servers agree.
      sql<boolean>`coalesce(notes.draft_opened_at > now() - make_interval(mins => ${EDIT_SESSION_MINUTES}), false)`.as(
        'session_open',
      ),
    ])
    .where('notes.id', '=', noteId);
  // Writers take the row lock first, so a save and a signature of one note never interleave.
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export type NoteRow = NonNullable<Awaited<ReturnType<typeof selectNote>>>;
export type NoteHeaderRow = Omit<
  NoteRow,
  'fields_sealed' | 'draft_opened_at' | 'history_seq' | 'session_open'
>;

/** What a signature records about the signer, and whether the practice wants a co-signature. */
export async function selectSignerFacts(tx: Tx, userId: string) {
  return tx
    .selectFrom('users')
    .innerJoin('practices', 'practices.id', 'users.practice_id')
    .select(['users.role', 'users.credentials', 'practices.cosign_associate_notes'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function insertNote(
  tx: Tx,
  values: {
    id: string;
    clientId: string;
    authorId: string;
    template: NoteTemplateId;
    dateOfService: string | undefined;
    appointmentId: string | null;
    fieldsSealed: Sealed;
  },
): Promise<NoteHeaderRow> {
  return tx
    .insertInto('notes')
    .values({
      id: values.id,
      client_id: values.clientId,
      author_id: values.authorId,
      template: values.template,
      // Today in the practice's own time zone unless given (no extra round trip).
      date_of_service:
        values.dateOfService ??
        sql<string>`(now() at time zone (select p.time_zone from practices p))::date`,
      appointment_id: values.appointmentId,
      fields_sealed: values.fieldsSealed,
    })
    .returning(HEADER_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Every change of a note row goes through here (the lock trigger has the last word). */
export async function updateNoteRow(
  tx: Tx,
  noteId: string,
  set: UpdateObject<DB, 'notes'>,
): Promise<NoteHeaderRow> {
  return tx
    .updateTable('notes')
    .set(set)
    .where('notes.id', '=', noteId)
    .returning(HEADER_COLUMNS)
    .executeTakeFirstOrThrow();
}

export interface HeaderFilter {
  /** The access rule as a filter (inReach, src/clients/access.ts), where the list spans clients. */
  inReach?: RawBuilder<boolean>;
  clientId?: string;
  authorIds?: string[];
  status?: NoteStatus | undefined;
  /** Keyset: the last (date of service, id) of the previous page. */
  after?: [string, string] | undefined;
}

/**
 * Who wrote a listed note and whose it is, by name: lists show several people's notes, and
 * their readers (clinicians, supervisors) may not be able to look either up on their own.
 */
const LISTED_NAMES = [
  'author.name as author_name',
  sql<string>`coalesce(client.preferred_name, client.first_name) || ' ' || client.last_name`.as(
    'client_name',
  ),
] as const;

/** Note headers, newest date of service first. Never the fields. */
export async function selectNoteHeaders(tx: Tx, filter: HeaderFilter, limit: number) {
  let query = tx
    .selectFrom('notes')
    .innerJoin('users as author', 'author.id', 'notes.author_id')
    .innerJoin('clients as client', 'client.id', 'notes.client_id')
    .select([...HEADER_COLUMNS, ...LISTED_NAMES]);
  if (filter.inReach) query = query.where(filter.inReach);
  if (filter.clientId) query = query.where('notes.client_id', '=', filter.clientId);
  if (filter.authorIds) query = query.where('notes.author_id', 'in', filter.authorIds);
  if (filter.status) query = query.where('notes.status', '=', filter.status);
  const after = filter.after;
  if (after) {
    query = query.where(
      sql<boolean>`(notes.date_of_service, notes.id) < (${after[0]}::date, ${after[1]}::uuid)`,
    );
  }
  return query
    .orderBy('notes.date_of_service', 'desc')
    .orderBy('notes.id', 'desc')
    .limit(limit)
    .execute();
}

export interface CosignScope {
  userId: string;
  orphansToo: boolean;
  inReach: RawBuilder<boolean>;
}

/** The notes in `scope`'s co-sign queue, as a query to select from or count. */
function cosignQueue(tx: Tx, scope: CosignScope) {
  return tx
    .selectFrom('notes')
    .innerJoin('users as author', 'author.id', 'notes.author_id')
    .leftJoin('users as supervisor', 'supervisor.id', 'author.supervisor_id')
    .innerJoin('clients as client', 'client.id', 'notes.client_id')
    .where('notes.status', '=', 'pending_cosign')
    .where(scope.inReach)
    .where((eb) => {
      const mine = eb('author.supervisor_id', '=', scope.userId);
      if (!scope.orphansToo) return mine;
      // No supervisor, or one who can no longer co-sign: the administrators' queue.
      return eb.or([
        mine,
        eb('supervisor.id', 'is', null),
        eb('supervisor.status', '!=', 'active'),
        eb('supervisor.role', 'not in', ['admin', 'supervisor']),
      ]);
    });
}

/** Notes waiting for a co-signature whose author is supervised by `userId` (or by nobody able). */
export async function selectCosignQueue(tx: Tx, scope: CosignScope, limit: number) {
  return cosignQueue(tx, scope)
    .select([...HEADER_COLUMNS, ...LISTED_NAMES])
    .orderBy('notes.signed_at')
    .limit(limit)
    .execute();
}

/** How many notes wait in `scope`'s co-sign queue (the staff digest's count). */
export async function countCosignQueue(tx: Tx, scope: CosignScope): Promise<number> {
  const row = await cosignQueue(tx, scope)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The people a supervisor supervises. */
export async function selectSuperviseeIds(tx: Tx, supervisorId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('users')
    .select('id')
    .where('supervisor_id', '=', supervisorId)
    .execute();
  return rows.map((r) => r.id);
}

/** Whether `appointmentId` is one of this client's appointments (a note documents one of them). */
export async function isClientAppointment(
  tx: Tx,
  clientId: string,
  appointmentId: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom('appointments')
    .select('id')
    .where('id', '=', appointmentId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row !== undefined;
}

export const unknownAppointment = () =>
  AppError.badRequest(
    "The appointment is not one of this client's; choose one from the client's appointments.",
    'unknown_appointment',
  );

/** The kinds of a note's history entries, oldest first. */
export async function selectHistoryKinds(tx: Tx, noteId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('note_versions')
    .select('kind')
    .where('note_id', '=', noteId)
    .orderBy('n')
    .execute();
  return rows.map((r) => r.kind);
}

/**
 * Deletes a draft and its kept versions. The database refuses it for a note that is not a
 * draft (the note guard) or whose history holds more than edits (the history's guard).
 */
export async function deleteDraft(tx: Tx, noteId: string): Promise<void> {
  await tx.deleteFrom('note_versions').where('note_id', '=', noteId).execute();
  await tx
    .deleteFrom('notes')
    .where('id', '=', noteId)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
}

/** Who a whole note names: its client, author and signers (staff names are not PHI to readers). */
export async function selectNoteNames(tx: Tx, noteId: string) {
  return tx
    .selectFrom('notes')
    .innerJoin('users as author', 'author.id', 'notes.author_id')
    .innerJoin('clients as client', 'client.id', 'notes.client_id')
    .leftJoin('users as signer', 'signer.id', 'notes.signed_by')
    .leftJoin('users as cosigner', 'cosigner.id', 'notes.cosigned_by')
    .select([
      ...LISTED_NAMES,
      'author.supervisor_id',
      'signer.name as signer_name',
      'cosigner.name as cosigner_name',
    ])
    .where('notes.id', '=', noteId)
    .executeTakeFirstOrThrow();
}

/** What a printed note adds: the client's date of birth, and the practice's zone for times. */
export async function selectExportFacts(tx: Tx, clientId: string) {
  return tx
    .selectFrom('clients')
    .innerJoin('practices', 'practices.id', 'clients.practice_id')
    .select([sql<string>`clients.date_of_birth::text`.as('date_of_birth'), 'practices.time_zone'])
    .where('clients.id', '=', clientId)
    .executeTakeFirstOrThrow();
}
