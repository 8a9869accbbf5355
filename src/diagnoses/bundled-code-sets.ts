import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Database } from '../platform/db/database.ts';
import { fiscalYearRange } from './code-format.ts';
import { selectCodeSet, storeCodeSet, type CodeEntry } from './code-set-store.ts';

/** The code sets shipped with Hearth (see data/README.md for their provenance). */
export const BUNDLED_CODE_SETS = [
  {
    fiscalYear: 2026,
    file: 'icd10cm-fy2026.tsv.gz',
    // sha256 of the uncompressed TSV: a damaged or altered file is refused, never loaded.
    sha256: '2c740a70ec21d8a8f78a58cdd3389f4b90f5bbc9f4a3375379bee2c0a6b665ef',
    codes: 98_186,
  },
] as const;

const DATA_DIR = join(import.meta.dirname, 'data');

/** `code \t billable \t short \t long` lines after a header line; LF endings. */
export function parseBundledTsv(text: string): CodeEntry[] {
  const lines = text.split('\n');
  if (lines[0] !== 'code\tbillable\tshort_description\tlong_description') {
    throw new Error('the bundled code set does not start with the expected header');
  }
  const entries: CodeEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const [code = '', flag, shortDescription = '', longDescription = ''] = line.split('\t');
    entries.push({ code, billable: flag === '1', shortDescription, longDescription });
  }
  return entries;
}

/** A year loaded from this very file, or imported by the operator, is left as it is. */
const keepLoaded = (current: { source: string; source_sha256: string }) =>
  current.source === 'order_file' ||
  BUNDLED_CODE_SETS.some((b) => b.sha256 === current.source_sha256);

export interface BundledLoad {
  fiscalYear: number;
  outcome: 'loaded' | 'current' | 'kept_import';
  codes: number;
}

/**
 * Loads every bundled code set the database does not hold yet; idempotent. A fiscal year
 * already loaded from the same file is skipped, and one an operator imported from an official
 * order file (`hearth import-icd10`) is never replaced by the bundled copy. Runs after
 * migrations as the owner connection: the code tables are reference data, the same for every
 * practice, that the app role may only read.
 */
export async function loadBundledCodeSets(db: Database): Promise<BundledLoad[]> {
  const owner = db.unsafeOwnerConnection();
  const results: BundledLoad[] = [];
  for (const bundled of BUNDLED_CODE_SETS) {
    const existing = await selectCodeSet(owner, bundled.fiscalYear);
    if (existing && keepLoaded(existing)) {
      results.push({
        fiscalYear: bundled.fiscalYear,
        outcome: existing.source === 'order_file' ? 'kept_import' : 'current',
        codes: existing.code_count,
      });
      continue;
    }
    const raw = gunzipSync(readFileSync(join(DATA_DIR, bundled.file)));
    const sha256 = createHash('sha256').update(raw).digest('hex');
    if (sha256 !== bundled.sha256) {
      throw new Error(`the bundled ICD-10-CM file ${bundled.file} is damaged (sha256 mismatch)`);
    }
    const entries = parseBundledTsv(raw.toString('utf8'));
    if (entries.length !== bundled.codes) {
      throw new Error(`the bundled ICD-10-CM file ${bundled.file} has an unexpected row count`);
    }
    const range = fiscalYearRange(bundled.fiscalYear);
    const stored = await owner.transaction().execute((tx) =>
      storeCodeSet(
        tx,
        {
          fiscalYear: bundled.fiscalYear,
          effectiveFrom: range.from,
          effectiveTo: range.to,
          source: 'bundled',
          sha256,
        },
        entries,
        { keep: keepLoaded },
      ),
    );
    results.push({
      fiscalYear: bundled.fiscalYear,
      outcome: stored ? 'loaded' : 'current',
      codes: entries.length,
    });
  }
  return results;
}
