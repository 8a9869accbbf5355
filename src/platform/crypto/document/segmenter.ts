/**
 * Cuts a byte stream, however it is chunked, into fixed-size pieces, holding the latest full
 * piece back until a later byte proves it is not the final one. Memory: one piece.
 *
 * Pieces handed to `onPiece` are only valid during the call (the buffer is reused, or is a view
 * of the caller's chunk): consume them synchronously.
 */
export class Segmenter {
  readonly #size: number;
  readonly #buffer: Buffer;
  #filled = 0;

  constructor(size: number) {
    this.#size = size;
    this.#buffer = Buffer.allocUnsafe(size);
  }

  /** Feeds a chunk; calls onPiece for every full piece that more bytes are known to follow. */
  push(chunk: Buffer, onPiece: (piece: Buffer) => void): void {
    const size = this.#size;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#filled === size) {
        onPiece(this.#buffer);
        this.#filled = 0;
      }
      // Whole pieces inside a large chunk, with bytes after them, need no copy.
      if (this.#filled === 0 && chunk.length - offset > size) {
        onPiece(chunk.subarray(offset, offset + size));
        offset += size;
        continue;
      }
      const n = Math.min(size - this.#filled, chunk.length - offset);
      chunk.copy(this.#buffer, this.#filled, offset, offset + n);
      this.#filled += n;
      offset += n;
    }
  }

  /** What was held back at the end of the stream: the final piece, 0 to `size` bytes. */
  rest(): Buffer {
    return this.#buffer.subarray(0, this.#filled);
  }

  /** Overwrites the buffer: when encrypting it holds plaintext. */
  wipe(): void {
    this.#buffer.fill(0);
    this.#filled = 0;
  }
}
