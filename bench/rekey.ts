// Re-keying throughput (issue #5): about 1.2 GB of documents uploaded through the server, then
// `hearth rekey` run as its own process with the server's settings. On PostgreSQL it runs once
// alone and once while readers download random documents and check each byte for byte; on
// PGlite, whose database only one process may open, it runs with the server stopped. Afterwards
// every document must still read back identical.
import { eachBackend, type Backend } from './lib/backends.ts';
import { exitedChildrenCpu } from './lib/cpu.ts';
import { benchSecrets, serverSettings, UNMET_BUDGETS } from './lib/bench-keys.ts';
import { downloadDocument, uploadDocument } from './lib/document-http.ts';
import { startReads, type ReadStats, type StoredDocument } from './lib/read-loop.ts';
import { RssWatch } from './lib/rss-watch.ts';
import { eachConcurrently, SeededRandom } from './lib/seed-random.ts';
import { runCommand, startServer } from './lib/server.ts';
import { count } from './lib/stats.ts';
import { MiB, mbps } from './lib/throughput.ts';
import type { Benchmark, Row } from './lib/types.ts';
import { seedVaultPractice } from './lib/vault-practice.ts';

const TOTAL_BYTES = 1.2e9;
const READ_LOOPS = 4;
const UPLOADS_AT_ONCE = 4;
const REKEY_TIMEOUT_MS = 10 * 60_000;
const TITLE = 're-key';

/** Scans and letters: 1 to 11 MiB each, about TOTAL_BYTES in all. */
function documentSizes(random: SeededRandom): number[] {
  const sizes: number[] = [];
  for (let total = 0; total < TOTAL_BYTES; total += sizes.at(-1)!) {
    sizes.push(random.between(1 * MiB, 11 * MiB));
  }
  return sizes;
}

/** `hearth rekey` as a child process; its own report line gives what it re-encrypted. */
async function rekeyOnce(settings: Record<string, string>) {
  let rss: RssWatch | undefined;
  const cpuBefore = exitedChildrenCpu();
  const result = await runCommand(['rekey'], settings, {
    timeoutMs: REKEY_TIMEOUT_MS,
    onSpawn: (pid) => (rss = new RssWatch(pid)),
  });
  const cpu = exitedChildrenCpu() - cpuBefore;
  const peak = rss?.stop();
  const memory = peak === undefined ? '' : `; peak rekey process RSS ${peak.toFixed(0)} MB`;
  if (result.code !== 0) {
    throw new Error(`hearth rekey exited ${result.code}: ${result.stderr.trim().slice(-300)}`);
  }
  const mb = Number(/documents \(([\d.]+) MB\)/.exec(result.stdout)?.[1] ?? Number.NaN);
  const fields = /and (\d+) fields/.exec(result.stdout)?.[1] ?? '?';
  const documents = /, (\d+) documents/.exec(result.stdout)?.[1] ?? '?';
  return {
    figures:
      `${count(mb / result.seconds)} MB/s re-encrypted (${count(mb)} MB, ${documents} documents ` +
      `and ${fields} fields in ${result.seconds.toFixed(1)} s, process start included); ` +
      `rekey process CPU ${cpu.toFixed(1)} s (${(cpu / result.seconds).toFixed(2)} cores)${memory}`,
  };
}

function describeReads(r: ReadStats): string {
  const failures = r.errors + r.mismatches;
  return (
    `meanwhile ${READ_LOOPS} readers: ${count(r.reads / r.seconds)} downloads/s, ` +
    `${count(mbps(r.bytes, r.seconds))} MB/s, ${count(r.reads)} downloads, ` +
    `${r.errors} errors, ${r.mismatches} not identical${failures > 0 ? ` (first: ${r.firstError ?? 'mismatch'})` : ''}`
  );
}

async function measure(backend: Backend): Promise<Row[]> {
  const secrets = benchSecrets(backend);
  const practice = await seedVaultPractice(backend, secrets);
  // Four readers on one session download as fast as they can: past the request budgets.
  const settings = { ...serverSettings(backend, secrets), ...UNMET_BUDGETS };
  const random = new SeededRandom(5);
  const documents: StoredDocument[] = [];
  const rows: Row[] = [];
  const row = (what: string, figures: string, failed = false): Row => ({
    benchmark: `${TITLE}: ${what}`,
    backend: backend.name,
    figures,
    ...(failed ? { failed: true } : {}),
  });
  const cookie = practice.admin.cookie;
  let server = await startServer(settings);
  try {
    const uploadsStarted = performance.now();
    await eachConcurrently(documentSizes(random), UPLOADS_AT_ONCE, async (size) => {
      const up = await uploadDocument({
        origin: server.origin,
        cookie,
        clientId: practice.clientId,
        size,
      });
      documents.push({ id: up.id, sha256: up.sha256, bytes: size });
    });
    const total = documents.reduce((n, d) => n + d.bytes, 0);
    const uploadSeconds = (performance.now() - uploadsStarted) / 1000;
    rows.push(
      row(
        `seed ${documents.length} documents`,
        `${count(total / 1e6)} MB uploaded over HTTPS in ${uploadSeconds.toFixed(1)} s ` +
          `(${count(mbps(total, uploadSeconds))} MB/s, ${UPLOADS_AT_ONCE} at once)`,
      ),
    );
    if (backend.name === 'PGlite') {
      await server.stop();
      const offline = await rekeyOnce(settings);
      rows.push(
        row('hearth rekey, server stopped (embedded database: one process)', offline.figures),
      );
      server = await startServer(settings);
    } else {
      const alone = await rekeyOnce(settings);
      rows.push(row('hearth rekey, alone', alone.figures));
      let stats: ReadStats | undefined;
      const reads = startReads({
        origin: server.origin,
        cookie,
        documents,
        loops: READ_LOOPS,
        random,
        maxSeconds: REKEY_TIMEOUT_MS / 1000,
      });
      // The readers stop however the run ends: their loops are bounded, never left behind.
      const during = await rekeyOnce(settings).finally(async () => {
        stats = await reads.stop();
      });
      if (!stats) throw new Error('the readers did not report');
      const failed = stats.errors + stats.mismatches > 0;
      rows.push(
        row(
          'hearth rekey while documents are read',
          `${during.figures}; ${describeReads(stats)}`,
          failed,
        ),
      );
    }
    let different = 0;
    const origin = server.origin;
    await eachConcurrently(documents, 2, async (doc) => {
      const got = await downloadDocument({ origin, cookie, id: doc.id });
      if (got.sha256 !== doc.sha256 || got.bytes !== doc.bytes) different += 1;
    });
    rows.push(
      row(
        'every document afterwards',
        different === 0
          ? `all ${documents.length} read back byte-identical (SHA-256)`
          : `${different} of ${documents.length} NOT identical`,
        different > 0,
      ),
    );
    return rows;
  } finally {
    await server.stop();
  }
}

export const rekey: Benchmark = {
  name: 'rekey',
  run: () => eachBackend(TITLE, measure),
};
