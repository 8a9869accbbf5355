import { sql } from 'kysely';
import type { Database, Tx } from '../db/database.ts';
import { listSealedColumns, type SealedColumn } from '../db/sealed-columns.ts';
import { KeyError, type KeyProvider } from '../keys/provider.ts';
import { rewrapFieldKeys, type FieldCipher, type Sealed } from './field.ts';

export interface FieldRekeyResult {
  /** Values opened and sealed again under the fresh key. */
  reencrypted: number;
  /** Retired keys that no value used any more: deleted, so what they sealed is gone for good. */
  keysDestroyed: number;
  /** Retired keys some value still names (one that did not open): kept, re-wrapped. */
  keysKept: number;
  keysRewrapped: number;
  /** Values that did not open (altered or copied ciphertext) or move: left as they are, counted. */
  unreadable: number;
}

const BATCH = 200;

/**
 * Moves every sealed value of one practice onto a fresh field key, online and resumably:
 * 1. the active key, if it was made before `startedBefore`, is retired — every seal from then
 *    on uses a new one, so values written meanwhile are already on it;
 * 2. each sealed column is walked in batches, each batch its own transaction, re-sealing the
 *    values still under another key (a crash resumes with whatever is left, since progress is
 *    the data itself); a value changed by a request meanwhile is skipped, being new already;
 * 3. retired keys that no value references any more are deleted (crypto-shredding);
 * 4. the keys left are re-wrapped under the newest `data` KEK.
 * Values of write-once rows (safety plans, note history, addenda) are re-sealed too, through
 * the one database function that may replace them (hearth_reseal_immutable, migration 0021).
 */
export async function rekeyPracticeFields(
  db: Database,
  fields: FieldCipher,
  provider: KeyProvider,
  practiceId: string,
  options: { startedBefore: Date; onProgress?: (reencrypted: number) => void },
): Promise<FieldRekeyResult> {
  const job = { job: 'rekey', reason: "re-key a practice's field keys" };
  await db.unscopedAcrossPractices(job, (tx) =>
    tx
      .updateTable('practice_keys')
      .set({ retired_at: new Date() })
      .where('practice_id', '=', practiceId)
      .where('purpose', '=', 'field')
      .where('retired_at', 'is', null)
      .where('created_at', '<', options.startedBefore)
      .execute(),
  );
  const columns = await db.withPractice(practiceId, (tx) => listSealedColumns(tx));
  let reencrypted = 0;
  const unreadable: string[] = [];
  for (const column of columns.filter((c) => c.writeOnce || c.updatable)) {
    for (;;) {
      const done = await db.withPractice(practiceId, (tx) =>
        reencryptBatch(tx, fields, column, unreadable),
      );
      reencrypted += done.reencrypted;
      options.onProgress?.(reencrypted);
      if (done.seen === 0) break;
    }
  }
  return db.unscopedAcrossPractices(job, async (tx) => {
    // Listed again as the jobs role: what it cannot read, it must assume still needs its key.
    const everywhere = await listSealedColumns(tx);
    const retired = await tx
      .selectFrom('practice_keys')
      .select('id')
      .where('practice_id', '=', practiceId)
      .where('retired_at', 'is not', null)
      .execute();
    let keysDestroyed = 0;
    for (const { id } of retired) {
      if (await keyInUse(tx, everywhere, practiceId, id)) continue;
      await tx.deleteFrom('practice_keys').where('id', '=', id).execute();
      keysDestroyed += 1;
    }
    const keysRewrapped = await rewrapFieldKeys(tx, provider, practiceId);
    return {
      reencrypted,
      keysDestroyed,
      keysKept: retired.length - keysDestroyed,
      keysRewrapped,
      unreadable: unreadable.length,
    };
  });
}

/**
 * Re-seals up to one batch of a column's values that are not under the active key. A value that
 * does not open is recorded in `unreadable` (row ids) and passed over from then on. Rows of a
 * write-once table cannot be locked (the app role may not update them): the function that
 * re-seals them replaces a value only if it is still the one read, as the update below does.
 */
async function reencryptBatch(
  tx: Tx,
  fields: FieldCipher,
  column: SealedColumn,
  unreadable: string[],
): Promise<{ seen: number; reencrypted: number }> {
  const active = await fields.activeKeyId(tx);
  // Signed notes refuse changes to their sealed text except for re-encryption of the same text.
  await sql`select set_config('hearth.reencrypting', 'on', true)`.execute(tx);
  const table = sql.table(column.table);
  const col = sql.ref(column.column);
  const { rows } = await sql<{ id: string; value: Sealed }>`
    select id, ${col} as value from ${table}
     where ${col} is not null and split_part(${col}, '.', 2) <> ${active}
       and not (id::text = any (${unreadable}::text[]))
     limit ${BATCH}
     ${column.writeOnce ? sql`` : sql`for update skip locked`}`.execute(tx);
  let reencrypted = 0;
  for (const row of rows) {
    const ref = { table: column.table, column: column.column, rowId: row.id };
    let plaintext: string;
    try {
      plaintext = await fields.open(tx, ref, row.value);
    } catch (err) {
      if (!(err instanceof KeyError)) throw err;
      unreadable.push(row.id);
      continue;
    }
    const sealed = await fields.seal(tx, ref, plaintext);
    const moved = column.writeOnce
      ? await sql<{
          moved: boolean;
        }>`select hearth_reseal_immutable(${column.table}, ${column.column},
          ${row.id}, ${row.value}, ${sealed}) as moved`.execute(tx)
      : await sql<{ moved: boolean }>`update ${table} set ${col} = ${sealed}
          where id = ${row.id} and ${col} = ${row.value} returning true as moved`.execute(tx);
    if (moved.rows[0]?.moved) reencrypted += 1;
    // A write-once value that did not move cannot have changed meanwhile: never retry it.
    else if (column.writeOnce) unreadable.push(row.id);
  }
  return { seen: rows.length, reencrypted };
}

async function keyInUse(
  tx: Tx,
  columns: SealedColumn[],
  practiceId: string,
  keyId: string,
): Promise<boolean> {
  for (const column of columns) {
    if (!column.readable) return true;
    const col = sql.ref(column.column);
    const { rows } = await sql<{ used: boolean }>`
      select exists (select 1 from ${sql.table(column.table)}
                      where practice_id = ${practiceId} and split_part(${col}, '.', 2) = ${keyId}) as used`.execute(
      tx,
    );
    if (rows[0]?.used) return true;
  }
  return false;
}
