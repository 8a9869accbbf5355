// The candidate segment sizes compared on one document held in memory (no I/O at all): the
// figures behind DEFAULT_SEGMENT_SIZE (docs/decisions/0009-document-encryption-format.md).
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createDecryptStream,
  createEncryptStream,
  DEFAULT_SEGMENT_SIZE,
  newDocumentKeys,
} from '../../src/platform/crypto/document/index.ts';
import type { CryptoLimits } from './crypto-limits.ts';
import { count, median } from './stats.ts';
import { discard, MiB, rateOf, timed, type Rate } from './throughput.ts';
import type { Row } from './types.ts';

const CANDIDATES = [64 * 1024, 256 * 1024, MiB];
const BYTES = 256 * MiB;
const CHUNK = 64 * 1024;
const REPS = 5;

function* slices(bytes: Buffer) {
  for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
}

async function encryptToMemory(plaintext: Buffer, segmentSize: number) {
  const keys = newDocumentKeys(randomUUID());
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  const encrypt = createEncryptStream(keys, { segmentSize });
  await pipeline(Readable.from(slices(plaintext)), encrypt, sink);
  return { keys, stored: Buffer.concat(parts), hmac: encrypt.summary().hmac };
}

/** "812 MB/s = 0.92 ×, per CPU second 830 = 0.95 ×": medians, and their ratios to the limit. */
function describe(rates: Rate[], limit: Rate): string {
  const wall = median(rates.map((r) => r.wall));
  const cpu = median(rates.map((r) => r.cpu));
  return (
    `${count(wall)} MB/s = ${(wall / limit.wall).toFixed(2)} ×, ` +
    `per CPU second ${count(cpu)} = ${(cpu / limit.cpu).toFixed(2)} ×`
  );
}

export async function compareSegmentSizes(limits: CryptoLimits): Promise<Row[]> {
  const plaintext = randomBytes(BYTES);
  const rows: Row[] = [];
  for (const segmentSize of CANDIDATES) {
    const { keys, stored, hmac } = await encryptToMemory(plaintext, segmentSize);
    const encrypt: Rate[] = [];
    const decrypt: Rate[] = [];
    for (let i = 0; i < REPS; i++) {
      const source = () => Readable.from(slices(plaintext));
      const e = await timed(() =>
        pipeline(source(), createEncryptStream(keys, { segmentSize }), discard()),
      );
      encrypt.push(rateOf(BYTES, e));
      const d = await timed(() =>
        pipeline(Readable.from(slices(stored)), createDecryptStream(keys, hmac), discard()),
      );
      decrypt.push(rateOf(BYTES, d));
    }
    const kib = segmentSize / 1024;
    const chosen = segmentSize === DEFAULT_SEGMENT_SIZE ? ' (default)' : '';
    rows.push({
      benchmark: `segment size ${kib >= 1024 ? `${kib / 1024} MiB` : `${kib} KiB`}${chosen}`,
      backend: 'in-process',
      figures:
        `encrypt ${describe(encrypt, limits.combined)}; ` +
        `decrypt ${describe(decrypt, limits.combined)} (× the GCM+HMAC limit); median of ${REPS}, ` +
        `${BYTES / MiB} MiB in memory, ${CHUNK / 1024} KiB chunks; ` +
        `tags add ${((16 / segmentSize) * 100).toFixed(3)}%`,
    });
  }
  return rows;
}
