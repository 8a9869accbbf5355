import { sql, type Insertable } from 'kysely';
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

/** Who acted, by name: a supervisor reading a supervisee's note cannot look staff up. */
const actorName = () =>
  sql<string>`(select u.name from users u where u.id = note_versions.actor_id)`.as('actor_name');

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
    .select([...ENTRY_COLUMNS, actorName()])
    .where('note_id', '=', noteId)
    .orderBy('n')
    .execute();
}

export async function selectHistoryEntry(tx: Tx, noteId: string, n: number) {
  return tx
    .selectFrom('note_versions')
    .select([
      ...ENTRY_COLUMNS,
      actorName(),
      'id',
      'date_of_service',
      'fields_sealed',
      'reason_sealed',
    ])
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
    .innerJoin('users as author', 'author.id', 'note_addenda.author_id')
    .select([
      'note_addenda.id',
      'note_addenda.author_id',
      'author.name as author_name',
      'note_addenda.text_sealed',
      'note_addenda.author_credentials',
      'note_addenda.content_sha256',
      'note_addenda.signed_at',
    ])
    .where('note_addenda.note_id', '=', noteId)
    .orderBy('note_addenda.signed_at')
    .orderBy('note_addenda.id')
    .execute();
}
