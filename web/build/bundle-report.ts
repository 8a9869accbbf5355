// Prints the gzipped size of the JavaScript a first visit downloads: the entry chunk and
// everything it imports statically (lazy screens excluded), from Vite's manifest. Fails the
// build when it passes the budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = join(import.meta.dirname, '..', 'dist');

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;

const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
if (!entry) throw new Error('no entry chunk in the Vite manifest');
const initial = new Set<string>();
const walk = (key: string) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const dep of chunk.imports ?? []) walk(dep);
};
walk(entry[0]);

const rows = [...initial].map((file) => ({ file, size: gz(file) }));
const total = rows.reduce((sum, r) => sum + r.size, 0);
const lazy = Object.values(manifest).filter((c) => !initial.has(c.file) && c.file.endsWith('.js'));
const lazyTotal = lazy.reduce((sum, c) => sum + gz(c.file), 0);
const css = [...new Set(Object.values(manifest).flatMap((c) => c.css ?? []))];

console.log('\nInitial JavaScript (gzipped):');
for (const r of rows.sort((a, b) => b.size - a.size))
  console.log(`  ${kb(r.size).padStart(9)}  ${r.file}`);
console.log(`  ${kb(total).padStart(9)}  total (budget ${BUDGET_KB} KB)`);
console.log(`Lazy screens: ${lazy.length} chunks, ${kb(lazyTotal)} gzipped in all`);
console.log(`CSS: ${kb(css.reduce((s, f) => s + gz(f), 0))} gzipped in ${css.length} files\n`);
if (total > BUDGET_KB * 1024) {
  console.error(`The initial JavaScript is over budget: ${kb(total)} > ${BUDGET_KB} KB.`);
  process.exit(1);
}
