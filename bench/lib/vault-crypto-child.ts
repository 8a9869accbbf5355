// The vault-crypto measurements, run by bench/vault-crypto.ts as a child process with
// --expose-gc: its memory holds only this benchmark (not the other benchmarks' modules), and
// garbage is collected before each phase, so its peak RSS is the streams' own. Writes the
// result rows to standard output as JSON. Usage: node --expose-gc vault-crypto-child.ts <dir>
import { loadavg } from 'node:os';
import { DEFAULT_SEGMENT_SIZE } from '../../src/platform/crypto/document/index.ts';
import { measureCryptoLimits, type CryptoLimits } from './crypto-limits.ts';
import {
  INPUT_CHUNK,
  READ_CHUNK,
  READS_IN_FLIGHT,
  streamDocument,
  type StreamedDocument,
} from './document-streams.ts';
import { compareSegmentSizes } from './segment-sizes.ts';
import { count } from './stats.ts';
import { MiB, type Rate } from './throughput.ts';
import type { Row } from './types.ts';

const SIZES = [128 * MiB, 1024 * MiB];
const WARM_UP = 64 * MiB;
const BACKEND = 'in-process';

const sizeName = (bytes: number) =>
  bytes >= 1024 * MiB ? `${bytes / 1024 / MiB} GiB` : `${bytes / MiB} MiB`;

/** "1,050 MB/s = 0.95 × GCM+HMAC limit; per main-thread CPU second 1,080 MB/s = 0.97 ×" */
const against = (rate: Rate, limit: Rate, name: string) =>
  `${count(rate.wall)} MB/s = ${(rate.wall / limit.wall).toFixed(2)} × ${name} limit; ` +
  `per main-thread CPU second ${count(rate.cpu)} MB/s = ${(rate.cpu / limit.cpu).toFixed(2)} ×`;

/** "3,100 MB/s (per CPU second 3,150)" */
const both = (rate: Rate) => `${count(rate.wall)} MB/s (per CPU second ${count(rate.cpu)})`;

function limitRow(l: CryptoLimits): Row {
  const figures = [
    `AES-256-GCM ${both(l.gcm)}, or in one update() of all ${l.bytes / MiB} MiB ${both(l.gcmSingleUpdate)}`,
    `HMAC-SHA256 ${both(l.hmac)}`,
    `GCM then HMAC of its output ${both(l.combined)}`,
    `one message over ${l.bytes / MiB} MiB, best of 3 runs × 64 KiB, 256 KiB, 1 MiB updates`,
  ];
  return {
    benchmark: 'node:crypto limit, this machine',
    backend: BACKEND,
    figures: figures.join('; '),
  };
}

function streamRows(s: StreamedDocument, l: CryptoLimits): Row[] {
  const row = (what: string, figures: string[]): Row => ({
    benchmark: `document ${sizeName(s.size)}: ${what}`,
    backend: BACKEND,
    figures: figures.join('; '),
  });
  return [
    row('encrypt', [
      against(s.encrypt.rate, l.combined, 'GCM+HMAC'),
      s.encrypt.memory,
      `${DEFAULT_SEGMENT_SIZE / 1024} KiB segments, ${INPUT_CHUNK / 1024} KiB writes`,
    ]),
    row('decrypt + HMAC check', [
      against(s.decrypt.rate, l.combined, 'GCM+HMAC'),
      s.decrypt.memory,
      `read from tmpfs, ${READ_CHUNK / MiB} MiB reads, ${READS_IN_FLIGHT} in flight`,
    ]),
    row('verify only (HMAC)', [against(s.verify.rate, l.hmac, 'HMAC'), s.verify.memory]),
  ];
}

const load = () => loadavg()[0]?.toFixed(1) ?? '?';

const dir = process.argv[2];
if (!dir) throw new Error('usage: vault-crypto-child.ts <scratch directory>');
if (!globalThis.gc) throw new Error('run with --expose-gc');
const loadBefore = load();
// A warm-up pass (compiled code, allocator) so the first measured size is not the slower.
await streamDocument(dir, WARM_UP);
// Streams first, while the process holds no large buffer: their RSS is the streams' own.
const streams: StreamedDocument[] = [];
for (const size of SIZES) streams.push(await streamDocument(dir, size));
const limits = measureCryptoLimits();
const segments = await compareSegmentSizes(limits);
const rows: Row[] = [
  limitRow(limits),
  ...streams.flatMap((s) => streamRows(s, limits)),
  ...segments,
  {
    benchmark: 'machine load (1-minute average)',
    backend: BACKEND,
    figures: `${loadBefore} before, ${load()} after: other work shares the CPUs`,
  },
];
process.stdout.write(JSON.stringify(rows));
