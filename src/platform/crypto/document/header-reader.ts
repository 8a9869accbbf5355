import { DocumentIntegrityError } from './errors.ts';
import { HEADER_BYTES, MAGIC } from './format.ts';

/** Collects the fixed-size header from the first chunk(s) of a stored object, however cut. */
export class HeaderReader {
  readonly #bytes = Buffer.alloc(HEADER_BYTES);
  #filled = 0;

  /** The header and the rest of this chunk once all of it has arrived; undefined before. */
  take(chunk: Buffer): { bytes: Buffer; rest: Buffer } | undefined {
    const n = Math.min(HEADER_BYTES - this.#filled, chunk.length);
    chunk.copy(this.#bytes, this.#filled, 0, n);
    this.#filled += n;
    // Not one of ours: say so from the first bytes rather than after reading the rest.
    const seen = Math.min(this.#filled, MAGIC.length);
    if (!this.#bytes.subarray(0, seen).equals(MAGIC.subarray(0, seen))) {
      throw new DocumentIntegrityError('bad_header');
    }
    if (this.#filled < HEADER_BYTES) return undefined;
    return { bytes: this.#bytes, rest: chunk.subarray(n) };
  }

  /** The error for a stream that ended inside its header. */
  incomplete(): DocumentIntegrityError {
    return new DocumentIntegrityError('truncated');
  }
}
