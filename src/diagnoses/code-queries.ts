import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

const CODE_COLUMNS = [
  'icd10_codes.code',
  'icd10_codes.billable',
  'icd10_codes.short_description',
  'icd10_codes.long_description',
] as const;

export interface CodeRow {
  code: string;
  billable: boolean;
  short_description: string;
  long_description: string;
}

export interface CodeSetRow {
  fiscal_year: number;
  effective_from: string;
  effective_to: string;
}

const SET_COLUMNS = ['fiscal_year', 'effective_from', 'effective_to'] as const;

/** The newest set whose effective range contains `date`. */
export async function selectSetInEffect(tx: Tx, date: string): Promise<CodeSetRow | undefined> {
  return tx
    .selectFrom('icd10_code_sets')
    .select(SET_COLUMNS)
    .where('effective_from', '<=', date)
    .where('effective_to', '>=', date)
    .orderBy('fiscal_year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One fiscal year's set. */
export async function selectSet(tx: Tx, fiscalYear: number): Promise<CodeSetRow | undefined> {
  return tx
    .selectFrom('icd10_code_sets')
    .select(SET_COLUMNS)
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
}

/**
 * What stands in when the set in effect on `date` is not loaded: the newest set that had taken
 * effect by then (a set not yet in effect may hold codes that do not exist yet), else the
 * oldest loaded.
 */
export async function selectStandIn(tx: Tx, date: string): Promise<CodeSetRow | undefined> {
  return tx
    .selectFrom('icd10_code_sets')
    .select(SET_COLUMNS)
    .orderBy(sql`effective_from <= ${date}`, 'desc')
    .orderBy(sql`case when effective_from <= ${date} then -fiscal_year else fiscal_year end`)
    .limit(1)
    .executeTakeFirst();
}

export async function selectLoadedYears(tx: Tx): Promise<number[]> {
  const rows = await tx
    .selectFrom('icd10_code_sets')
    .select('fiscal_year')
    .orderBy('fiscal_year')
    .execute();
  return rows.map((r) => r.fiscal_year);
}

export async function selectCode(tx: Tx, fiscalYear: number, code: string) {
  return tx
    .selectFrom('icd10_codes')
    .select(CODE_COLUMNS)
    .where('fiscal_year', '=', fiscalYear)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Billable codes under a header (`F41` → F41.0, F41.1…), in code order. */
export async function selectBillableUnder(tx: Tx, fiscalYear: number, header: string, n: number) {
  return tx
    .selectFrom('icd10_codes')
    .select(CODE_COLUMNS)
    .where('fiscal_year', '=', fiscalYear)
    .where('code', 'like', `${header}_%`)
    .where('billable', '=', true)
    .orderBy('code')
    .limit(n)
    .execute();
}

export interface CodeSearch {
  fiscalYear: number;
  /** A code or the start of one, stored form (`F411`); only [A-Z0-9], safe in LIKE. */
  codePrefix: string | null;
  /** Words to match as prefixes of the long title's words, or null for a code-only search. */
  words: string | null;
  billableOnly: boolean;
  limit: number;
}

/**
 * Codes by code prefix and/or by words. Billable codes first; then code matches (the exact
 * code, then in code order), titles that start with the first word, then other title matches,
 * shorter (more general) titles first. The word match is the GIN index's expression (migration
 * 0011): the query is folded by the same hearth_fold and split into [a-z0-9] runs, so the
 * tsquery text can never carry an operator.
 */
export async function searchCodeRows(tx: Tx, s: CodeSearch): Promise<CodeRow[]> {
  const billable = s.billableOnly ? sql`and billable` : sql``;
  const parts = [];
  if (s.codePrefix) {
    parts.push(sql`
      select code, billable, short_description, long_description,
             case when code = ${s.codePrefix} then 0 else 1 end as kind
        from icd10_codes
       where fiscal_year = ${s.fiscalYear} and code like ${`${s.codePrefix}%`} ${billable}`);
  }
  if (s.words) {
    parts.push(sql`
      select code, billable, short_description, long_description,
             case when lower(long_description) like q.first || '%' then 2 else 3 end as kind
        from icd10_codes,
             (select (array_agg(w order by n))[1] as first,
                     to_tsquery('simple', string_agg(w || ':*', ' & ' order by n)) as query
                from regexp_split_to_table(hearth_fold(${s.words}), '[^a-z0-9]+')
                     with ordinality as t (w, n)
               where w <> '') as q
       where fiscal_year = ${s.fiscalYear}
         and to_tsvector('simple'::regconfig, hearth_fold(long_description)) @@ q.query
         ${s.codePrefix ? sql`and code not like ${`${s.codePrefix}%`}` : sql``} ${billable}`);
  }
  if (parts.length === 0) return [];
  const { rows } = await sql<CodeRow>`
    select code, billable, short_description, long_description
      from (${sql.join(parts, sql` union all `)}) as found
     order by billable desc, kind,
              case when kind >= 2 then length(long_description) else 0 end, code
     limit ${s.limit}`.execute(tx);
  return rows;
}
