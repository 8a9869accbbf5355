import type { Row } from './types.ts';

const HEADERS = ['benchmark', 'backend', 'figures'] as const;

/** The rows as a Markdown table with aligned columns. */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [r.benchmark, r.backend, r.figures].map(escape));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (values: readonly string[]) =>
    `| ${widths.map((w, i) => (values[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function escape(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
