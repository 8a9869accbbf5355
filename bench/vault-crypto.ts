// Document encryption (src/platform/crypto/document), in process: a 128 MiB and a 1 GiB
// document streamed from a generator through encrypt, decrypt (with its HMAC check) and the
// scrubber's HMAC-only verify, with the process's peak RSS during each (flat in the size);
// node:crypto's own limits on this machine, measured in the same run, with each stream's
// ratio to its limit; and the candidate segment sizes compared (ADR 0009).
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  createDecryptStream,
  createEncryptStream,
  DEFAULT_SEGMENT_SIZE,
  newDocumentKeys,
  verifyStoredDocument,
} from '../src/platform/crypto/document/index.ts';
import { onCleanup } from './lib/cleanup.ts';
import { measureCryptoLimits, type CryptoLimits } from './lib/crypto-limits.ts';
import { compareSegmentSizes } from './lib/segment-sizes.ts';
import { count } from './lib/stats.ts';
import {
  discard,
  MiB,
  plaintextSource,
  prefetchingFileSource,
  rateOf,
  RssSampler,
  timed,
  type Rate,
} from './lib/throughput.ts';
import type { Benchmark, Row } from './lib/types.ts';

const SIZES = [128 * MiB, 1024 * MiB];
const WARM_UP = 64 * MiB;
/** What file and multipart streams hand over. */
const INPUT_CHUNK = 64 * 1024;
/** Reads of the stored object from the temporary file. */
const READ_CHUNK = MiB;
const BACKEND = 'in-process';

const sizeName = (bytes: number) =>
  bytes >= 1024 * MiB ? `${bytes / 1024 / MiB} GiB` : `${bytes / MiB} MiB`;

/** "1,050 MB/s = 0.95 × GCM+HMAC limit; per main-thread CPU second 1,080 MB/s = 0.97 ×" */
const against = (rate: Rate, limit: Rate, name: string) =>
  `${count(rate.wall)} MB/s = ${(rate.wall / limit.wall).toFixed(2)} × ${name} limit; ` +
  `per main-thread CPU second ${count(rate.cpu)} MB/s = ${(rate.cpu / limit.cpu).toFixed(2)} ×`;

/** "3,100 MB/s (per CPU second 3,150)" */
const both = (rate: Rate) => `${count(rate.wall)} MB/s (per CPU second ${count(rate.cpu)})`;

/** A RAM-backed directory where there is one, so the stored object's reads are not disk-bound. */
async function scratchDir(): Promise<string> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = await mkdtemp(join(base, 'hearth-bench-vault-'));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Phase {
  rate: Rate;
  memory: string;
}

async function streamDocument(dir: string, size: number) {
  const keys = newDocumentKeys(randomUUID());
  const block = randomBytes(INPUT_CHUNK);
  const file = join(dir, `document-${size}`);
  const phase = async (run: (rss: RssSampler) => Promise<unknown>): Promise<Phase> => {
    const rss = new RssSampler();
    const rate = rateOf(size, await timed(() => run(rss)));
    return { rate, memory: rss.describe() };
  };

  const encrypt = await phase((rss) =>
    pipeline(plaintextSource(size, block), createEncryptStream(keys), discard(rss)),
  );
  // The same document again, kept this time (on tmpfs: outside the process's memory).
  const kept = createEncryptStream(keys);
  await pipeline(plaintextSource(size, block), kept, createWriteStream(file));
  const { hmac, storedBytes } = kept.summary();

  const decrypt = await phase((rss) =>
    pipeline(
      prefetchingFileSource(file, READ_CHUNK),
      createDecryptStream(keys, hmac),
      discard(rss),
    ),
  );
  const verify = await phase(async (rss) => {
    const source = prefetchingFileSource(file, READ_CHUNK);
    source.on('data', (chunk: Buffer) => rss.saw(chunk.length));
    const verdict = await verifyStoredDocument(source, { ...keys, expectedHmac: hmac });
    if (!verdict.ok || verdict.storedBytes !== storedBytes) throw new Error('verify refused');
  });
  await rm(file);
  return { size, encrypt, decrypt, verify };
}

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

function streamRows(s: Awaited<ReturnType<typeof streamDocument>>, l: CryptoLimits): Row[] {
  const title = (what: string) => `document ${sizeName(s.size)}: ${what}`;
  const row = (what: string, figures: string[]): Row => ({
    benchmark: title(what),
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
      `read from tmpfs, ${READ_CHUNK / MiB} MiB reads, 4 in flight`,
    ]),
    row('verify only (HMAC)', [against(s.verify.rate, l.hmac, 'HMAC'), s.verify.memory]),
  ];
}

const load = () => loadavg()[0]?.toFixed(1) ?? '?';

export const vaultCrypto: Benchmark = {
  name: 'vault-crypto',
  run: async () => {
    const loadBefore = load();
    const dir = await scratchDir();
    // A warm-up pass (compiled code, allocator) so the first measured size is not the slower.
    await streamDocument(dir, WARM_UP);
    // Streams first, while the process holds no large buffer: their RSS is the streams' own.
    const streams = [];
    for (const size of SIZES) streams.push(await streamDocument(dir, size));
    const limits = measureCryptoLimits();
    const segments = await compareSegmentSizes(limits);
    const context: Row = {
      benchmark: 'machine load (1-minute average)',
      backend: BACKEND,
      figures: `${loadBefore} before, ${load()} after: other work shares the CPUs`,
    };
    return [
      limitRow(limits),
      ...streams.flatMap((s) => streamRows(s, limits)),
      ...segments,
      context,
    ];
  },
};
