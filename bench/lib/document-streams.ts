// One document streamed through encrypt, decrypt (with its HMAC check) and the scrubber's
// HMAC-only verify, timed, with the process's peak RSS during each phase. The plaintext comes
// from a generator; the stored object goes to a file in `dir` (tmpfs where there is one), so
// neither is ever held in memory.
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  createDecryptStream,
  createEncryptStream,
  newDocumentKeys,
  verifyStoredDocument,
} from '../../src/platform/crypto/document/index.ts';
import {
  discard,
  MiB,
  plaintextSource,
  prefetchingFileSource,
  rateOf,
  RssSampler,
  timed,
  type Rate,
} from './throughput.ts';

/** What file and multipart streams hand over. */
export const INPUT_CHUNK = 64 * 1024;
/** Reads of the stored object from its file, this many in flight. */
export const READ_CHUNK = MiB;
export const READS_IN_FLIGHT = 4;

export interface Phase {
  rate: Rate;
  memory: string;
}

export interface StreamedDocument {
  size: number;
  encrypt: Phase;
  decrypt: Phase;
  verify: Phase;
}

/** Collects garbage first (when --expose-gc allows), so the phase starts from live memory. */
async function phase(size: number, run: (rss: RssSampler) => Promise<unknown>): Promise<Phase> {
  globalThis.gc?.();
  const rss = new RssSampler();
  const rate = rateOf(size, await timed(() => run(rss)));
  return { rate, memory: rss.describe() };
}

export async function streamDocument(dir: string, size: number): Promise<StreamedDocument> {
  const keys = newDocumentKeys(randomUUID());
  const block = randomBytes(INPUT_CHUNK);
  const file = join(dir, `document-${size}`);
  const read = () => prefetchingFileSource(file, READ_CHUNK, READS_IN_FLIGHT);

  const encrypt = await phase(size, (rss) =>
    pipeline(plaintextSource(size, block), createEncryptStream(keys), discard(rss)),
  );
  // The same document again, kept this time (on tmpfs: outside the process's memory).
  const kept = createEncryptStream(keys);
  await pipeline(plaintextSource(size, block), kept, createWriteStream(file));
  const { hmac, storedBytes } = kept.summary();

  const decrypt = await phase(size, (rss) =>
    pipeline(read(), createDecryptStream(keys, hmac), discard(rss)),
  );
  const verify = await phase(size, async (rss) => {
    const source = read();
    source.on('data', (chunk: Buffer) => rss.saw(chunk.length));
    const verdict = await verifyStoredDocument(source, { ...keys, expectedHmac: hmac });
    if (!verdict.ok || verdict.storedBytes !== storedBytes) throw new Error('verify refused');
  });
  await rm(file);
  return { size, encrypt, decrypt, verify };
}
