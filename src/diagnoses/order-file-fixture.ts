import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseBundledTsv } from './bundled-code-sets.ts';
import type { CodeEntry } from './code-set-store.ts';

/** For tests: entries of the bundled FY2026 set whose codes start with one of `prefixes`. */
export function bundledSlice(...prefixes: string[]): CodeEntry[] {
  const raw = gunzipSync(readFileSync(join(import.meta.dirname, 'data', 'icd10cm-fy2026.tsv.gz')));
  return parseBundledTsv(raw.toString('utf8')).filter((e) =>
    prefixes.some((p) => e.code.startsWith(p)),
  );
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
