// Helpers for this folder's tests: real streams, chunked as a test asks.
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDecryptStream } from './decrypt.ts';
import { createEncryptStream, type EncryptSummary } from './encrypt.ts';
import type { DocumentKeyMaterial } from './keys.ts';

export function testKeys(documentId: string = randomUUID()): DocumentKeyMaterial {
  return { documentId, keyId: randomUUID(), dataKey: randomBytes(32), hmacKey: randomBytes(32) };
}

/** Chunk sizes: a fixed size, or seeded random sizes from 1 to max (reproducible). */
export type Chunking = { size: number } | { seed: number; max: number };

/** A small seeded generator (mulberry32): test chunkings that fail can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function chunksOf(bytes: Buffer, chunking: Chunking = { size: 65_536 }): Buffer[] {
  const next = 'size' in chunking ? () => chunking.size : seeded(chunking.seed);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = 'size' in chunking ? chunking.size : 1 + Math.floor(next() * chunking.max);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** Collects what a stream released, and the error it ended with, if any. */
async function drain(
  chunks: Buffer[],
  stream: NodeJS.ReadWriteStream,
): Promise<{ output: Buffer; error: unknown }> {
  const received: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk);
      done();
    },
  });
  let error: unknown;
  await pipeline(Readable.from(chunks), stream, sink).catch((err: unknown) => {
    error = err;
  });
  return { output: Buffer.concat(received), error };
}

export async function encryptBytes(
  keys: DocumentKeyMaterial,
  plaintext: Buffer,
  options: { segmentSize?: number; chunking?: Chunking } = {},
): Promise<{ stored: Buffer; summary: EncryptSummary }> {
  const stream = createEncryptStream(keys, { segmentSize: options.segmentSize });
  const { output, error } = await drain(chunksOf(plaintext, options.chunking), stream);
  if (error) throw error;
  return { stored: output, summary: stream.summary() };
}

/** What decryption released before it finished or failed: never more than was verified. */
export function decryptBytes(
  keys: DocumentKeyMaterial,
  stored: Buffer,
  expectedHmac: Buffer,
  chunking?: Chunking,
): Promise<{ output: Buffer; error: unknown }> {
  return drain(chunksOf(stored, chunking), createDecryptStream(keys, expectedHmac));
}
