import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

const CHUNK = 1024 * 1024;

/** `bytes` random bytes, produced as they are read; `sha256()` is their digest once read. */
export function randomSource(bytes: number): { stream: Readable; sha256(): string } {
  const hash = createHash('sha256');
  let left = bytes;
  const stream = new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const chunk = randomBytes(Math.min(CHUNK, left));
      left -= chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, sha256: () => hash.copy().digest('hex') };
}

/** Produces `bytes` bytes, then fails with `error`, as a dropped upload connection does. */
export function failingSource(bytes: number, error: Error): Readable {
  let left = bytes;
  return new Readable({
    read() {
      if (left === 0) return void this.destroy(error);
      const chunk = randomBytes(Math.min(CHUNK, left));
      left -= chunk.length;
      this.push(chunk);
    },
  });
}

export async function digestOf(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
