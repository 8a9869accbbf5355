// Documents through the real server (issue #5): a 128 MiB and a 1 GiB document uploaded as one
// multipart stream generated on the fly, then downloaded and checked byte for byte (SHA-256),
// on PGlite and PostgreSQL. Each direction reports MB/s, the server's peak RSS (flat in the
// document's size when both sizes agree), this process's own peak, and where the CPU went.
// The bare encrypt/decrypt path without HTTP or storage is the `vault-crypto` benchmark.
import { eachBackend, type Backend } from './lib/backends.ts';
import { benchSecrets, serverSettings } from './lib/bench-keys.ts';
import { CpuWatch } from './lib/cpu.ts';
import { downloadDocument, uploadDocument, type Transfer } from './lib/document-http.ts';
import { sendJson } from './lib/https-json.ts';
import { RssWatch } from './lib/rss-watch.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { count } from './lib/stats.ts';
import { MiB, mbps } from './lib/throughput.ts';
import type { Benchmark, Row } from './lib/types.ts';
import { seedVaultPractice, type VaultPractice } from './lib/vault-practice.ts';

const SIZES = [128 * MiB, 1024 * MiB];
const LIMIT = 2 * 1024 * MiB;
const TITLE = 'vault over HTTPS';

const sizeName = (bytes: number) =>
  bytes >= 1024 * MiB ? `${bytes / 1024 / MiB} GiB` : `${bytes / MiB} MiB`;

/** Runs one transfer, watching the server's memory and CPU and this process's memory. */
async function watched<T extends Transfer>(
  server: RunningServer,
  backend: Backend,
  transfer: () => Promise<T>,
): Promise<{ result: T; figures: string[] }> {
  const cpu = await CpuWatch.open(server.pid, backend.settings.DATABASE_URL);
  try {
    const rss = new RssWatch(server.pid);
    const own = new RssWatch(process.pid);
    const before = await cpu.snapshot();
    const result = await transfer();
    return {
      result,
      figures: [
        `${count(mbps(result.bytes, result.seconds))} MB/s (${result.seconds.toFixed(1)} s)`,
        rss.describe(),
        own.describe('bench process'),
        await cpu.describeSince(before),
      ],
    };
  } finally {
    await cpu.close();
  }
}

async function measure(backend: Backend): Promise<Row[]> {
  const secrets = benchSecrets(backend);
  const practice: VaultPractice = await seedVaultPractice(backend, secrets);
  const server = await startServer(serverSettings(backend, secrets));
  try {
    const { origin } = server;
    const { cookie } = practice.admin;
    const raised = await sendJson(
      `${origin}/api/v1/practice`,
      'PATCH',
      { documentSizeLimitBytes: LIMIT },
      { cookie, 'sec-fetch-site': 'same-origin' },
    );
    if (raised.status !== 200) throw new Error(`PATCH /practice answered ${raised.status}`);
    const rows: Row[] = [];
    for (const size of SIZES) {
      const up = await watched(server, backend, () =>
        uploadDocument({ origin, cookie, clientId: practice.clientId, size }),
      );
      const down = await watched(server, backend, () =>
        downloadDocument({ origin, cookie, id: up.result.id }),
      );
      const same = down.result.sha256 === up.result.sha256 && down.result.bytes === size;
      const row = (what: string, figures: string[], failed = false): Row => ({
        benchmark: `${TITLE}: ${what} ${sizeName(size)} (one stream)`,
        backend: backend.name,
        figures: figures.join('; '),
        ...(failed ? { failed: true } : {}),
      });
      rows.push(
        row('upload', [
          ...up.figures,
          'multipart, generated as sent; bare path: vault-crypto rows',
        ]),
      );
      rows.push(
        row(
          'download',
          [...down.figures, same ? 'byte-identical (SHA-256)' : 'NOT IDENTICAL to what was sent'],
          !same,
        ),
      );
    }
    return rows;
  } finally {
    await server.stop();
  }
}

export const vaultHttp: Benchmark = {
  name: 'vault-http',
  run: () => eachBackend(TITLE, measure),
};
