import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

const DIAGNOSIS_COLUMNS = [
  'd.id',
  'd.client_id',
  'd.code',
  'c.long_description',
  'd.fiscal_year',
  'd.rank',
  'd.status',
  'd.onset_date',
  'd.resolved_on',
  'd.added_by',
  'd.added_at',
  'd.updated_at',
] as const;

function diagnoses(tx: Tx) {
  return tx
    .selectFrom('client_diagnoses as d')
    .innerJoin('icd10_codes as c', (join) =>
      join.onRef('c.fiscal_year', '=', 'd.fiscal_year').onRef('c.code', '=', 'd.code'),
    )
    .select(DIAGNOSIS_COLUMNS)
    .where('d.status', '<>', 'entered_in_error');
}

/** A client's diagnoses: active ones by rank, then resolved ones, newest first. */
export async function selectClientDiagnoses(tx: Tx, clientId: string) {
  return diagnoses(tx)
    .where('d.client_id', '=', clientId)
    .orderBy(sql`d.rank is null`)
    .orderBy('d.rank')
    .orderBy('d.resolved_on', 'desc')
    .orderBy('d.id')
    .execute();
}

export type DiagnosisRow = Awaited<ReturnType<typeof selectClientDiagnoses>>[number];

export async function selectDiagnosis(tx: Tx, id: string): Promise<DiagnosisRow | undefined> {
  return diagnoses(tx).where('d.id', '=', id).executeTakeFirst();
}

/** The client a diagnosis belongs to (entered-in-error ones are gone for every purpose). */
export async function selectDiagnosisClient(tx: Tx, id: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('client_diagnoses')
    .select('client_id')
    .where('id', '=', id)
    .where('status', '<>', 'entered_in_error')
    .executeTakeFirst();
  return row?.client_id;
}

/**
 * Serialises changes to one client's diagnoses (ranks are renumbered as a whole), and tells
 * how many are active. The client's row lock is the queue: two clinicians adding at once take
 * turns instead of both claiming the next rank.
 */
export async function lockClientDiagnoses(tx: Tx, clientId: string): Promise<number> {
  await tx.selectFrom('clients').select('id').where('id', '=', clientId).forNoKeyUpdate().execute();
  const { n } = await tx
    .selectFrom('client_diagnoses')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('client_id', '=', clientId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function activeCodeExists(tx: Tx, clientId: string, code: string): Promise<boolean> {
  const row = await tx
    .selectFrom('client_diagnoses')
    .select('id')
    .where('client_id', '=', clientId)
    .where('code', '=', code)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves the active ranks in [from, to] by `by` (+1 opens a place, −1 closes a gap). */
export async function shiftRanks(
  tx: Tx,
  clientId: string,
  range: { from: number; to: number; by: 1 | -1 },
): Promise<void> {
  await tx
    .updateTable('client_diagnoses')
    .set((eb) => ({ rank: eb('rank', '+', range.by), updated_at: new Date() }))
    .where('client_id', '=', clientId)
    .where('status', '=', 'active')
    .where('rank', '>=', range.from)
    .where('rank', '<=', range.to)
    .execute();
}

export async function insertDiagnosis(
  tx: Tx,
  values: {
    client_id: string;
    fiscal_year: number;
    code: string;
    rank: number;
    onset_date: string | null;
    added_by: string;
  },
): Promise<string> {
  const row = await tx
    .insertInto('client_diagnoses')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDiagnosis(
  tx: Tx,
  id: string,
  set: {
    rank?: number | null;
    status?: 'active' | 'resolved' | 'entered_in_error';
    resolved_on?: string | null;
    onset_date?: string | null;
    removed_by?: string;
    removed_at?: Date;
  },
): Promise<void> {
  await tx
    .updateTable('client_diagnoses')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
