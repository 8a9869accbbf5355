import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Database } from '../platform/db/database.ts';
import { fiscalYearRange } from './code-format.ts';
import { recordCodeSetLoaded } from './code-set-audit.ts';
import { diffCodeSets, previousFiscalYear, type CodeSetDiff } from './code-set-diff.ts';
import { selectCodeSet, storeCodeSet } from './code-set-store.ts';
import { fiscalYearFromFileName, OrderFileError, parseOrderFile } from './order-file.ts';

export interface ImportResult {
  outcome: 'loaded' | 'replaced' | 'unchanged';
  fiscalYear: number;
  effectiveFrom: string;
  effectiveTo: string;
  codes: number;
  billable: number;
  sha256: string;
  /** Against the newest loaded fiscal year before this one. */
  diff: CodeSetDiff | null;
}

/**
 * Imports one official order file as a fiscal year's code set, in one transaction: every line
 * is checked first, and on any fault nothing is written. Loading the same file again changes
 * nothing; another file for a loaded year replaces that year's codes (a code that a client's
 * diagnosis names cannot be removed: the foreign key refuses, and the import with it).
 */
export async function importOrderFile(
  db: Database,
  options: {
    path: string;
    fiscalYear?: number | undefined;
    effectiveFrom?: string | undefined;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportResult> {
  const fiscalYear = chooseFiscalYear(options.path, options.fiscalYear);
  const range = fiscalYearRange(fiscalYear);
  const effectiveFrom = options.effectiveFrom ?? range.from;
  if (effectiveFrom > range.to) {
    throw new OrderFileError(
      `--effective-from ${effectiveFrom} is after the end of FY${fiscalYear} (${range.to})`,
    );
  }
  const bytes = await readFile(options.path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const entries = parseOrderFile(bytes);
  const billable = entries.filter((e) => e.billable).length;
  const owner = db.unsafeOwnerConnection();
  const result = { fiscalYear, effectiveFrom, effectiveTo: range.to, codes: entries.length };
  const existing = await selectCodeSet(owner, fiscalYear);
  const diffWith = async (tx: Parameters<typeof previousFiscalYear>[0]) => {
    const previous = await previousFiscalYear(tx, fiscalYear);
    return previous === undefined ? null : diffCodeSets(tx, previous, fiscalYear);
  };
  if (existing?.source_sha256 === sha256) {
    const diff = await owner.transaction().execute(diffWith);
    return { outcome: 'unchanged', ...result, billable, sha256, diff };
  }
  const { stored, diff } = await owner
    .transaction()
    .execute(async (tx) => {
      const stored = await storeCodeSet(
        tx,
        { fiscalYear, effectiveFrom, effectiveTo: range.to, source: 'order_file', sha256 },
        entries,
        { onProgress: (done) => options.onProgress?.(done, entries.length) },
      );
      return { stored, diff: await diffWith(tx) };
    })
    .catch((err: unknown) => {
      throw stillUsed(err) ?? err;
    });
  // Another import of this very file got there first: nothing to record.
  if (!stored) return { outcome: 'unchanged', ...result, billable, sha256, diff };
  await recordCodeSetLoaded(db, { fiscalYear, source: 'order_file', sha256 });
  return { outcome: existing ? 'replaced' : 'loaded', ...result, billable, sha256, diff };
}

function chooseFiscalYear(path: string, flag: number | undefined): number {
  const named = fiscalYearFromFileName(path);
  if (flag !== undefined && named !== null && flag !== named) {
    throw new OrderFileError(
      `the file name says FY${named} but --fiscal-year says ${flag}; check which release this is`,
    );
  }
  const fiscalYear = flag ?? named;
  if (fiscalYear === null) {
    throw new OrderFileError(
      'the file name carries no fiscal year (icd10cm-order-YYYY.txt): give --fiscal-year YYYY',
    );
  }
  return fiscalYear;
}

/** A code the file drops that client diagnoses still name (the foreign key's refusal). */
function stillUsed(err: unknown): OrderFileError | undefined {
  const e = err as { code?: string; detail?: string };
  if (e.code !== '23503') return undefined;
  const code = /\(fiscal_year, code\)=\(\d+, ([A-Z0-9]+)\)/.exec(e.detail ?? '')?.[1];
  return new OrderFileError(
    `this file drops ${code ?? 'a code'} of that fiscal year, which client diagnoses still name; nothing was written`,
  );
}
