// `npx node bench/profile-summary.ts <file.cpuprofile> [top] [last-seconds]`: where a V8 CPU
// profile's time went — self time by function, and by package or Hearth folder (its share of
// the samples), so that a server profiled with BENCH_SERVER_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=…" can be read without a browser. `last-seconds`: only the samples of the profile's last seconds (the load
// phase, leaving out start-up: module loading and schema compilation).
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, lastArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx node bench/profile-summary.ts <file.cpuprofile> [top] [last-seconds]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** node_modules/<package>, src/<folder>, node:<module>, or the V8 pseudo-frame's name. */
function where(node: Node): string {
  const { url, functionName } = node.callFrame;
  if (url === '') return `(${functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const src = /\/src\/(.+)\/[^/]+$/.exec(url)?.[1];
  if (src) return `src/${src}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^.*\//, '');
}

const selfMs = new Map<number, number>();
let total = 0;
const at: number[] = [];
for (let i = 0, t = 0; i < profile.timeDeltas.length; i++) at.push((t += profile.timeDeltas[i]!));
const from = lastArg === undefined ? -Infinity : (at.at(-1) ?? 0) - Number(lastArg) * 1e6;
for (let i = 0; i < profile.samples.length; i++) {
  if (at[i]! < from) continue;
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  const id = profile.samples[i]!;
  selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
  total += ms;
}

const functions = new Map<string, number>();
const places = new Map<string, number>();
/** Inclusive time of each place: a sample counts once for each place on its stack. */
const inclusive = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id)!;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${where(node)}:${f.lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + ms);
  places.set(where(node), (places.get(where(node)) ?? 0) + ms);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const w = where(byId.get(at)!);
    if (seen.has(w)) continue;
    seen.add(w);
    inclusive.set(w, (inclusive.get(w) ?? 0) + ms);
  }
}

const pct = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)}%`;
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${pct(ms)}  ${k}`);
  }
};
console.log(`${(total / 1000).toFixed(1)} s of samples in ${file}`);
show('Self time by package or folder', places);
show('Inclusive time by package or folder (on the stack)', inclusive);
show('Self time by function', functions);
