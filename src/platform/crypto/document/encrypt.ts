import { createHmac, randomBytes, type Hmac } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import {
  DEFAULT_SEGMENT_SIZE,
  encodeHeader,
  headerDigest,
  NONCE_PREFIX_BYTES,
  validSegmentSize,
} from './format.ts';
import { importKey, importNames, type DocumentKeyMaterial } from './keys.ts';
import { SegmentCipher } from './segment.ts';
import { Segmenter } from './segmenter.ts';

/** What the documents feature records once a stored object is complete. */
export interface EncryptSummary {
  /** HMAC-SHA256 of the whole stored object under the document's HMAC key: 32 bytes. */
  hmac: Buffer;
  storedBytes: number;
  plaintextBytes: number;
}

export interface EncryptOptions {
  /** Plaintext bytes per segment (all but the final one); DEFAULT_SEGMENT_SIZE otherwise. */
  segmentSize?: number;
}

/** Plaintext in, stored bytes (header, then segments) out. */
export class EncryptStream extends Transform {
  readonly #header: Buffer;
  readonly #cipher: SegmentCipher;
  readonly #segments: Segmenter;
  readonly #hmac: Hmac;
  #index = 0;
  #plaintextBytes = 0;
  #storedBytes = 0;
  #summary: EncryptSummary | undefined;

  constructor(keys: DocumentKeyMaterial, options: EncryptOptions = {}) {
    super();
    const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
    if (!validSegmentSize(segmentSize)) {
      throw new RangeError('segmentSize must be an integer from 16 bytes to 16 MiB');
    }
    const names = importNames(keys);
    // A fresh random prefix for every stream: even if a data key were ever reused by mistake,
    // two streams under it would not share nonces (unless 64 random bits collide).
    const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
    this.#header = encodeHeader({ segmentSize, ...names, noncePrefix });
    const dataKey = importKey(keys.dataKey, 'dataKey');
    this.#cipher = new SegmentCipher(dataKey, noncePrefix, headerDigest(this.#header));
    this.#hmac = createHmac('sha256', importKey(keys.hmacKey, 'hmacKey'));
    this.#segments = new Segmenter(segmentSize);
  }

  /** The figures to record; only once the stream has ended (after 'finish' or 'end'). */
  summary(): EncryptSummary {
    if (!this.#summary) throw new Error('the encryption summary exists once the stream has ended');
    return { ...this.#summary, hmac: Buffer.from(this.#summary.hmac) };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.#storedBytes === 0) this.#emit(this.#header);
      this.#plaintextBytes += chunk.length;
      this.#segments.push(chunk, (piece) => this.#seal(piece, false));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.#storedBytes === 0) this.#emit(this.#header);
      // The held-back rest is the final segment: empty for an empty document, or full when the
      // size is a multiple of the segment size (no empty segment is added after it).
      this.#seal(this.#segments.rest(), true);
      this.#summary = {
        hmac: this.#hmac.digest(),
        storedBytes: this.#storedBytes,
        plaintextBytes: this.#plaintextBytes,
      };
      done();
    } catch (err) {
      done(err as Error);
    } finally {
      this.#segments.wipe();
    }
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    this.#segments.wipe();
    done(err);
  }

  #seal(plaintext: Buffer, final: boolean): void {
    // Past 2^32 segments the nonce counter would wrap: SegmentCipher refuses (a RangeError).
    const [ciphertext, tag] = this.#cipher.seal(this.#index, final, plaintext);
    this.#index += 1;
    this.#emit(ciphertext);
    this.#emit(tag);
  }

  #emit(bytes: Buffer): void {
    this.#hmac.update(bytes);
    this.#storedBytes += bytes.length;
    // An empty final segment's ciphertext is empty: nothing to push.
    if (bytes.length > 0) this.push(bytes);
  }
}

/**
 * Encrypts one document. Pipe plaintext in, store what comes out; after 'finish' (or 'end'),
 * `summary()` gives the HMAC and sizes to record with the key record. The keys are copied into
 * KeyObjects here: the caller may zero its buffers as soon as this returns.
 */
export function createEncryptStream(
  keys: DocumentKeyMaterial,
  options?: EncryptOptions,
): EncryptStream {
  return new EncryptStream(keys, options);
}
