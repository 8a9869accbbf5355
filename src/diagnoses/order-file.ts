import { basename } from 'node:path';
import { STORED_CODE } from './code-format.ts';
import type { CodeEntry } from './code-set-store.ts';

/** A line of the order file that does not follow the official layout. */
export class OrderFileError extends Error {
  override name = 'OrderFileError';
}

/**
 * The fiscal year an official order file names: `icd10cm-order-2027.txt` (CDC) or
 * `icd10cm_order_2027.txt` (CMS) → 2027. Null when the name carries no year.
 */
export function fiscalYearFromFileName(path: string): number | null {
  const match = /order[-_ ](?:[a-z]+[-_ ])?(20\d\d)(?!\d)/i.exec(basename(path));
  return match ? Number(match[1]) : null;
}

/**
 * Parses the official CDC/CMS ICD-10-CM order file (`icd10cm-order-YYYY.txt`), fixed width:
 * order number in columns 1–5, code 7–13, billable flag 15, short title 17–76, long title
 * from 78; CRLF or LF line ends. Every line is checked, and the first fault is reported with
 * its line number: a damaged download must not become a code set.
 */
export function parseOrderFile(bytes: Uint8Array): CodeEntry[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OrderFileError('the file is not text (UTF-8 or ASCII); is it the order file?');
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length === 0) throw new OrderFileError('the file is empty');
  const seen = new Set<string>();
  return lines.map((line, i) => {
    const entry = parseLine(line, i + 1);
    if (seen.has(entry.code)) fail(i + 1, `code ${entry.code} appears twice`);
    seen.add(entry.code);
    return entry;
  });
}

function fail(lineNumber: number, problem: string): never {
  throw new OrderFileError(`line ${lineNumber}: ${problem}`);
}

function parseLine(line: string, n: number): CodeEntry {
  if (/\p{Cc}/u.test(line)) fail(n, 'contains a control character (a tab?)');
  if (line.length < 78) {
    fail(
      n,
      `is ${line.length} characters long; the layout needs at least 78 (title from column 78)`,
    );
  }
  const order = line.slice(0, 5);
  if (!/^\d{5}$/.test(order) || Number(order) !== n) {
    fail(
      n,
      `columns 1-5 should hold the order number ${String(n).padStart(5, '0')}, found "${order}"`,
    );
  }
  if (line[5] !== ' ' || line[13] !== ' ' || line[15] !== ' ' || line[76] !== ' ') {
    fail(n, 'columns 6, 14, 16 and 77 must be spaces (is this the fixed-width order file?)');
  }
  const code = line.slice(6, 13).trimEnd();
  if (!STORED_CODE.test(code)) {
    fail(n, `columns 7-13 should hold a code without its dot (like F411), found "${code}"`);
  }
  const flag = line[14];
  if (flag !== '0' && flag !== '1') fail(n, `column 15 must be 1 (billable) or 0, found "${flag}"`);
  const shortDescription = line.slice(16, 76).trim();
  const longDescription = line.slice(77).trim();
  if (!shortDescription) fail(n, 'the short title (columns 17-76) is empty');
  if (!longDescription) fail(n, 'the long title (from column 78) is empty');
  if (longDescription.length > 400) fail(n, 'the long title is longer than 400 characters');
  return { code, billable: flag === '1', shortDescription, longDescription };
}
