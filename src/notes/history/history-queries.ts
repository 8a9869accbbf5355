import type { Insertable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Sealed } from '../../platform/db/schema.ts';
import type { NoteVersionsTable } from '../../platform/db/tables/notes.ts';

const ENTRY_COLUMNS = [
  'n',
  'kind',
  'actor_id',
  'occurred_at',
  'started_at',
  'version',
  'credentials',
  'content_sha256',
  'addendum_id',
] as const;

/** Appends one entry to a note's history (the table refuses anything but inserts). */
export async function insertHistoryEntry(
  tx: Tx,
  values: Omit<Insertable<NoteVersionsTable>, 'practice_id'>,
): Promise<void> {
  await tx.insertInto('note_versions').values(values).execute();
}

export async function selectHistory(tx: Tx, noteId: string) {
  return tx
    .selectFrom('note_versions')
    .select(ENTRY_COLUMNS)
    .where('note_id', '=', noteId)
    .orderBy('n')
    .execute();
}

export async function selectHistoryEntry(tx: Tx, noteId: string, n: number) {
  return tx
    .selectFrom('note_versions')
    .select([...ENTRY_COLUMNS, 'id', 'date_of_service', 'fields_sealed', 'reason_sealed'])
    .where('note_id', '=', noteId)
    .where('n', '=', n)
    .executeTakeFirst();
}

export type HistoryRow = Awaited<ReturnType<typeof selectHistory>>[number];

export async function insertAddendum(
  tx: Tx,
  values: {
    id: string;
    noteId: string;
    authorId: string;
    textSealed: Sealed;
    credentials: string | null;
    sha256: string;
  },
): Promise<Date> {
  const row = await tx
    .insertInto('note_addenda')
    .values({
      id: values.id,
      note_id: values.noteId,
      author_id: values.authorId,
      text_sealed: values.textSealed,
      author_credentials: values.credentials,
      content_sha256: values.sha256,
    })
    .returning('signed_at')
    .executeTakeFirstOrThrow();
  return row.signed_at;
}

export async function selectAddenda(tx: Tx, noteId: string) {
  return tx
    .selectFrom('note_addenda')
    .select(['id', 'author_id', 'text_sealed', 'author_credentials', 'content_sha256', 'signed_at'])
    .where('note_id', '=', noteId)
    .orderBy('signed_at')
    .orderBy('id')
    .execute();
}
