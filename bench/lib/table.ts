import type { Row } from './types.ts';

const HEADERS = ['benchmark', 'backend', 'figures'] as const;

/**
 * The rows as a Markdown table with aligned columns; rows with cells as a table of their own
 * (benchmark, backend and one column per cell), after the others.
 */
export function formatTable(rows: readonly Row[]): string {
  const plain = rows.filter((r) => r.cells === undefined);
  const wide = rows.filter((r) => r.cells !== undefined);
  const tables: string[] = [];
  if (plain.length > 0 || wide.length === 0) {
    tables.push(
      aligned(
        HEADERS,
        plain.map((r) => [r.benchmark, r.backend, r.figures]),
      ),
    );
  }
  if (wide.length > 0) {
    const keys = [...new Set(wide.flatMap((r) => Object.keys(r.cells!)))];
    const cells = wide.map((r) => [r.benchmark, r.backend, ...keys.map((k) => r.cells![k] ?? '')]);
    tables.push(aligned(['benchmark', 'backend', ...keys], cells));
  }
  return tables.join('\n\n');
}

function aligned(headers: readonly string[], values: readonly string[][]): string {
  const cells = values.map((row) => row.map(escape));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (vs: readonly string[]) =>
    `| ${widths.map((w, i) => (vs[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function escape(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
