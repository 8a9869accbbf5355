import { sql } from 'kysely';
import type { OwnerTx } from './code-set-store.ts';

/** What changed from one fiscal year's code set to the next, by stored code. */
export interface CodeSetDiff {
  from: number;
  to: number;
  added: string[];
  deleted: string[];
  /** Billable codes that became headers: a diagnosis or claim needs a more specific code now. */
  becameHeader: string[];
  becameBillable: string[];
  /** Same code, new short or long title. */
  retitled: string[];
}

/** The newest loaded fiscal year before `fiscalYear`, if any. */
export async function previousFiscalYear(tx: OwnerTx, fiscalYear: number) {
  const row = await tx
    .selectFrom('icd10_code_sets')
    .select('fiscal_year')
    .where('fiscal_year', '<', fiscalYear)
    .orderBy('fiscal_year', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.fiscal_year;
}

export async function diffCodeSets(tx: OwnerTx, from: number, to: number): Promise<CodeSetDiff> {
  const { rows } = await sql<{ code: string; change: keyof Omit<CodeSetDiff, 'from' | 'to'> }>`
    select coalesce(n.code, o.code) as code,
           case when o.code is null then 'added'
                when n.code is null then 'deleted'
                when o.billable and not n.billable then 'becameHeader'
                when n.billable and not o.billable then 'becameBillable'
                else 'retitled' end as change
      from (select code, billable, short_description, long_description
              from icd10_codes where fiscal_year = ${from}) o
      full join (select code, billable, short_description, long_description
                   from icd10_codes where fiscal_year = ${to}) n on n.code = o.code
     where o.code is null or n.code is null or o.billable <> n.billable
        or o.short_description <> n.short_description or o.long_description <> n.long_description
     order by 1`.execute(tx);
  const diff: CodeSetDiff = {
    from,
    to,
    added: [],
    deleted: [],
    becameHeader: [],
    becameBillable: [],
    retitled: [],
  };
  for (const row of rows) diff[row.change].push(row.code);
  return diff;
}
