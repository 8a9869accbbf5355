import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.ts';

/** One entry of an order file: a billable code or a header above billable codes. */
export interface CodeEntry {
  code: string;
  billable: boolean;
  shortDescription: string;
  longDescription: string;
}

export interface CodeSetMeta {
  fiscalYear: number;
  effectiveFrom: string;
  effectiveTo: string;
  source: 'bundled' | 'order_file';
  sha256: string;
}

export type OwnerTx = Transaction<DB>;

// Any fixed 64-bit number: one writer of code sets at a time per database.
const CODE_SET_LOCK = 7_342_011_026n;

// A full release holds ~98,000 codes; test fixtures a few dozen.
const BULK_BUILD = 10_000;

// Rows per statement: five arrays of this length travel as five parameters (node-postgres and
// PGlite both cap a statement at 65,535 parameters, so one row per placeholder would not fit).
const BATCH = 10_000;

/** The set already loaded for a fiscal year, if any. */
export async function selectCodeSet(db: Kysely<DB> | OwnerTx, fiscalYear: number) {
  return db
    .selectFrom('icd10_code_sets')
    .select(['fiscal_year', 'source', 'source_sha256', 'code_count', 'billable_count'])
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
}

/**
 * Makes `entries` the fiscal year's code set, in the caller's transaction: new codes are
 * inserted, changed ones updated, and codes no longer in the release removed. Removing a code
 * that a client's diagnosis still names fails on the foreign key, and the whole load with it.
 * Writers queue on an advisory lock (two servers starting at once both load the shipped set);
 * once it is held, a set that `keep` accepts — by default one from the same file — is left as
 * it is, and the answer is false.
 */
export async function storeCodeSet(
  tx: OwnerTx,
  meta: CodeSetMeta,
  entries: readonly CodeEntry[],
  options: {
    onProgress?: (done: number) => void;
    keep?: (current: { source: string; source_sha256: string }) => boolean;
  } = {},
): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(${CODE_SET_LOCK})`.execute(tx);
  const current = await selectCodeSet(tx, meta.fiscalYear);
  const keep = options.keep ?? ((c) => c.source_sha256 === meta.sha256);
  if (current && keep(current)) return false;
  const billable = entries.filter((e) => e.billable).length;
  await tx
    .insertInto('icd10_code_sets')
    .values({
      fiscal_year: meta.fiscalYear,
      effective_from: meta.effectiveFrom,
      effective_to: meta.effectiveTo,
      source: meta.source,
      source_sha256: meta.sha256,
      code_count: entries.length,
      billable_count: billable,
    })
    .onConflict((oc) =>
      oc.column('fiscal_year').doUpdateSet((eb) => ({
        effective_from: eb.ref('excluded.effective_from'),
        effective_to: eb.ref('excluded.effective_to'),
        source: eb.ref('excluded.source'),
        source_sha256: eb.ref('excluded.source_sha256'),
        code_count: eb.ref('excluded.code_count'),
        billable_count: eb.ref('excluded.billable_count'),
        imported_at: sql<Date>`now()`,
      })),
    )
    .execute();
  // From BULK_BUILD codes on, secondary indexes are dropped and built again after the insert:
  // several times faster than maintaining them row by row. Their definitions are read from the
  // catalogue, so a later migration's change is kept. Readers of the code tables then wait for
  // this transaction (a few seconds).
  const { rows: indexes } =
    entries.length < BULK_BUILD
      ? { rows: [] }
      : await sql<{ name: string; ddl: string }>`
          select indexname as name, indexdef as ddl from pg_indexes
           where schemaname = current_schema() and tablename = 'icd10_codes'
             and indexname <> 'icd10_codes_pkey'`.execute(tx);
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(tx);
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    await sql`
      insert into icd10_codes (fiscal_year, code, billable, short_description, long_description)
      select ${meta.fiscalYear}::smallint, c, b, s, l
        from unnest(${batch.map((e) => e.code)}::text[], ${batch.map((e) => e.billable)}::boolean[],
                    ${batch.map((e) => e.shortDescription)}::text[], ${batch.map((e) => e.longDescription)}::text[]) as t (c, b, s, l)
      on conflict (fiscal_year, code) do update
        set billable = excluded.billable,
            short_description = excluded.short_description,
            long_description = excluded.long_description
        where (icd10_codes.billable, icd10_codes.short_description, icd10_codes.long_description)
              is distinct from (excluded.billable, excluded.short_description, excluded.long_description)`.execute(
      tx,
    );
    options.onProgress?.(Math.min(i + BATCH, entries.length));
  }
  // PostgreSQL hashes the array of a `<> all`: one pass, not one scan per code.
  await sql`
    delete from icd10_codes
     where fiscal_year = ${meta.fiscalYear}
       and code <> all (${entries.map((e) => e.code)}::text[])`.execute(tx);
  await sql`set local maintenance_work_mem = '256MB'`.execute(tx);
  for (const index of indexes) await sql.raw(index.ddl).execute(tx);
  // Fresh statistics after a bulk load, so that searches use the indexes at once (autovacuum
  // may be off, and would come late).
  if (entries.length >= BULK_BUILD) await sql`analyze icd10_codes`.execute(tx);
  return true;
}
