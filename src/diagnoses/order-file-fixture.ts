import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseBundledTsv } from './bundled-code-sets.ts';
import type { CodeEntry } from './code-set-store.ts';

let bundled: CodeEntry[] | undefined;

/** For tests: entries of the bundled FY2026 set whose codes start with one of `prefixes`. */
export function bundledSlice(...prefixes: string[]): CodeEntry[] {
  bundled ??= parseBundledTsv(
    gunzipSync(readFileSync(join(import.meta.dirname, 'data', 'icd10cm-fy2026.tsv.gz'))).toString(
      'utf8',
    ),
  );
  return bundled.filter((e) => prefixes.some((p) => e.code.startsWith(p)));
}

/** For tests: entries in the official fixed-width order-file layout, CRLF line ends. */
export function orderFileText(entries: readonly CodeEntry[]): string {
  return entries
    .map(
      (e, i) =>
        `${String(i + 1).padStart(5, '0')} ${e.code.padEnd(7)} ${e.billable ? '1' : '0'} ${e.shortDescription.padEnd(60)} ${e.longDescription}\r\n`,
    )
    .join('');
}

/** For tests: a small "FY2030" release (anxiety and stress codes, and the QA0 block). */
export const releaseA = () => bundledSlice('F40', 'F41', 'F43', 'QA0');

/**
 * For tests: release A with one change of each kind — F41.1 split into F41.10 and F41.11
 * (2 added, 1 billable→header), F40.02 deleted, QA0.013 made billable with its two children
 * deleted (1 header→billable, 2 more deleted), F41.9 retitled.
 */
export function releaseB(): CodeEntry[] {
  const dropped = new Set(['F4002', 'QA00131', 'QA00139']);
  return releaseA().flatMap((e): CodeEntry[] => {
    if (dropped.has(e.code)) return [];
    if (e.code === 'F411') {
      return [
        { ...e, billable: false },
        { ...e, code: 'F4110', shortDescription: 'GAD, mild', longDescription: 'GAD, mild' },
        { ...e, code: 'F4111', shortDescription: 'GAD, severe', longDescription: 'GAD, severe' },
      ];
    }
    if (e.code === 'QA0013') return [{ ...e, billable: true }];
    if (e.code === 'F419') return [{ ...e, longDescription: 'Anxiety disorder, not specified' }];
    return [e];
  });
}

export const RELEASE_B_DIFF = {
  added: ['F4110', 'F4111'],
  deleted: ['F4002', 'QA00131', 'QA00139'],
  becameHeader: ['F411'],
  becameBillable: ['QA0013'],
  retitled: ['F419'],
};
