import { Presets, SingleBar } from 'cli-progress';
import { displayCode } from '../../diagnoses/code-format.ts';
import type { CodeSetDiff } from '../../diagnoses/code-set-diff.ts';
import { importOrderFile, type ImportResult } from '../../diagnoses/import-order-file.ts';
import { OrderFileError } from '../../diagnoses/order-file.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { migrateWithReport, openRuntime } from '../runtime.ts';

const EXAMPLES = 5;

function listed(label: string, codes: string[]): string {
  if (codes.length === 0) return '';
  const shown = codes.slice(0, EXAMPLES).map(displayCode).join(', ');
  return `\n  ${label}: ${shown}${codes.length > EXAMPLES ? `, … (${codes.length})` : ''}`;
}

function describeDiff(diff: CodeSetDiff | null): string {
  if (!diff) return 'no earlier fiscal year is loaded to compare with';
  return (
    `compared with FY${diff.from}: ${diff.added.length} added, ${diff.deleted.length} deleted, ` +
    `${diff.becameHeader.length} billable→header, ${diff.becameBillable.length} header→billable, ` +
    `${diff.retitled.length} retitled` +
    listed('added', diff.added) +
    listed('deleted', diff.deleted) +
    listed('billable→header', diff.becameHeader) +
    listed('header→billable', diff.becameBillable) +
    listed('retitled', diff.retitled)
  );
}

function describe(r: ImportResult): string {
  const what = `ICD-10-CM FY${r.fiscalYear} (effective ${r.effectiveFrom} to ${r.effectiveTo}): ${r.codes} codes, ${r.billable} billable`;
  const head =
    r.outcome === 'unchanged'
      ? `already loaded from this very file, nothing changed: ${what}`
      : `${r.outcome === 'replaced' ? 'replaced' : 'loaded'} ${what}`;
  return `${head}\n${describeDiff(r.diff)}\nsha256 ${r.sha256}`;
}

export const importIcd10Command: Command = {
  name: 'import-icd10',
  usage: 'import-icd10 <order file> [--fiscal-year YYYY] [--effective-from YYYY-MM-DD]',
  positionals: { min: 0, max: 1 },
  summary: "Load a fiscal year's ICD-10-CM code set from the official CDC/CMS order file.",
  help: `
Each October 1 a new ICD-10-CM release takes effect. Download the year's "Code Descriptions"
zip from CDC (ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/<year>/) or CMS,
unpack icd10cm-order-YYYY.txt, and load it here. Every line is checked first; on any fault
the line is named and nothing is written. The load is one transaction; loading the same file
again changes nothing. Prints the counts and what changed from the previous fiscal year
(added, deleted, billable↔header, retitled). Migrates the database first if needed.

Options:
  <order file>                  the order file (icd10cm-order-YYYY.txt), required
  --file PATH                   the same, as an option
  --fiscal-year YYYY            the fiscal year, when the file name does not say it
  --effective-from YYYY-MM-DD   when the set takes effect (default: October 1 before the
                                fiscal year, e.g. 2026-10-01 for FY2027)`,
  options: {
    file: { type: 'string' },
    'fiscal-year': { type: 'string' },
    'effective-from': { type: 'string' },
  },
  async run(values, positionals) {
    const file = positionals[0] ?? (values.file as string | undefined);
    if (!file)
      throw new UsageError('name the order file: hearth import-icd10 icd10cm-order-YYYY.txt');
    const year = values['fiscal-year'] as string | undefined;
    const from = values['effective-from'] as string | undefined;
    if (year !== undefined && !/^20\d\d$/.test(year)) {
      throw new UsageError('--fiscal-year must be a year such as 2027');
    }
    if (from !== undefined && !isDate(from)) {
      throw new UsageError('--effective-from must be a date, YYYY-MM-DD');
    }
    const runtime = await openRuntime();
    const bar = new SingleBar(
      { format: 'loading [{bar}] {percentage}% | {value}/{total} codes', stream: process.stderr },
      Presets.shades_classic,
    );
    try {
      await migrateWithReport(runtime);
      let started = false;
      const result = await importOrderFile(runtime.db, {
        path: file,
        fiscalYear: year === undefined ? undefined : Number(year),
        effectiveFrom: from,
        onProgress: (done, total) => {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      });
      bar.stop();
      console.log(describe(result));
      return 0;
    } catch (err) {
      bar.stop();
      if (err instanceof OrderFileError || isMissingFile(err)) {
        console.error(`hearth import-icd10: ${messageOf(err)}`);
        return 1;
      }
      throw err;
    } finally {
      await runtime.db.close();
    }
  },
};

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

function isMissingFile(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES';
}

function messageOf(err: unknown): string {
  if (err instanceof OrderFileError) return `${err.message}; nothing was written`;
  const e = err as NodeJS.ErrnoException;
  return `cannot read ${e.path ?? 'the file'}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? 'error')}`;
}
