import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLargeError } from './store.ts';

/**
 * Counts the bytes that pass and fails the stream with BlobTooLargeError as soon as they exceed
 * `maxBytes`: the store stops writing at the limit instead of reading a huge upload to its end.
 */
export class ByteCounter extends Transform {
  bytes = 0;
  readonly #maxBytes: number;

  constructor(maxBytes = Number.POSITIVE_INFINITY) {
    super();
    this.#maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.#maxBytes) done(new BlobTooLargeError(this.#maxBytes));
    else done(null, chunk);
  }
}
