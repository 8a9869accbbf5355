// `npm run bench [-- <name>…]`: runs the benchmarks and prints one Markdown results table.
import { cpus, totalmem } from 'node:os';
import { asRun } from './as-run.ts';
import { auditOverhead } from './audit-overhead.ts';
import { auditVerify } from './audit-verify.ts';
import { clinical } from './clinical.ts';
import { coldStart } from './cold-start.ts';
import { runCleanups } from './lib/cleanup.ts';
import { formatTable } from './lib/table.ts';
import type { Benchmark, Row } from './lib/types.ts';
import { readyz } from './readyz.ts';
import { rekey } from './rekey.ts';
import { reminders } from './reminders.ts';
import { signIn } from './sign-in.ts';
import { soak } from './soak.ts';
import { vaultCrypto } from './vault-crypto.ts';
import { vaultHttp } from './vault-http.ts';

/** Every benchmark, in the order they run. Add new ones here. */
const BENCHMARKS: Benchmark[] = [
  coldStart,
  readyz,
  auditOverhead,
  auditVerify,
  signIn,
  vaultCrypto,
  clinical,
  vaultHttp,
  rekey,
  reminders,
  asRun,
  soak,
];

const names = process.argv.slice(2);
const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark(s) ${unknown.join(', ')}`);
  console.error(`available: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected =
  names.length > 0
    ? BENCHMARKS.filter((b) => names.includes(b.name))
    : BENCHMARKS.filter((b) => !b.byNameOnly);

process.once('SIGINT', () => {
  console.error('bench: interrupted, cleaning up');
  void runCleanups().finally(() => process.exit(130));
});

const cpu = cpus();
console.log(
  `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform}/${process.arch}, ` +
    `Node ${process.version}\n`,
);

const rows: Row[] = [];
try {
  for (const benchmark of selected) {
    console.error(`bench: running ${benchmark.name}…`);
    const started = performance.now();
    try {
      rows.push(...(await benchmark.run()));
    } catch (err) {
      console.error(`bench: ${benchmark.name} failed:`, err);
      rows.push({ benchmark: benchmark.name, backend: '—', figures: 'failed', failed: true });
    }
    console.error(
      `bench: ${benchmark.name} took ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
} finally {
  await runCleanups();
}

console.log(formatTable(rows));
if (rows.some((r) => r.failed)) process.exitCode = 1;
