import { createHmac, timingSafeEqual, type Hmac, type KeyObject } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DocumentIntegrityError } from './errors.ts';
import { checkHeaderNames, headerDigest, MAX_SEGMENTS, parseHeader, TAG_BYTES } from './format.ts';
import { HeaderReader } from './header-reader.ts';
import { importKey, importNames, type DocumentKeyMaterial, type ImportedNames } from './keys.ts';
import { SegmentCipher } from './segment.ts';
import { Segmenter } from './segmenter.ts';

/**
 * Stored bytes in, plaintext out. Each segment is released only after its tag has verified;
 * the final segment only after the whole object's HMAC has matched too, so a stored object
 * that differs in any byte from the one recorded never completes its transfer. Fails with a
 * DocumentIntegrityError (its `reason` says why).
 */
export class DecryptStream extends Transform {
  readonly #names: ImportedNames;
  readonly #dataKey: KeyObject;
  readonly #expectedHmac: Buffer;
  readonly #hmac: Hmac;
  readonly #header = new HeaderReader();
  #cipher: SegmentCipher | undefined;
  #segments: Segmenter | undefined;
  #segmentSize = 0;
  #index = 0;

  constructor(keys: DocumentKeyMaterial, expectedHmac: Buffer) {
    super();
    if (!Buffer.isBuffer(expectedHmac) || expectedHmac.length !== 32) {
      throw new RangeError('expectedHmac must be 32 bytes');
    }
    this.#names = importNames(keys);
    this.#dataKey = importKey(keys.dataKey, 'dataKey');
    this.#hmac = createHmac('sha256', importKey(keys.hmacKey, 'hmacKey'));
    this.#expectedHmac = Buffer.from(expectedHmac);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      // The HMAC covers the stored bytes exactly as they arrive, header included.
      this.#hmac.update(chunk);
      let body = chunk;
      if (!this.#segments) {
        const header = this.#header.take(chunk);
        if (!header) return done();
        this.#start(header.bytes);
        body = header.rest;
      }
      this.#segments?.push(body, (piece) => this.#release(piece));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.#segments) throw this.#header.incomplete();
      const plaintext = this.#openFinal(this.#segments.rest());
      const actual = this.#hmac.digest();
      // Constant time: how much of the HMAC matched tells an attacker nothing.
      if (!timingSafeEqual(actual, this.#expectedHmac)) {
        plaintext.fill(0);
        throw new DocumentIntegrityError('hmac_mismatch');
      }
      if (plaintext.length > 0) this.push(plaintext);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    this.#segments?.wipe();
    done(err);
  }

  #start(headerBytes: Buffer): void {
    const header = parseHeader(headerBytes);
    checkHeaderNames(header, this.#names);
    this.#segmentSize = header.segmentSize;
    this.#cipher = new SegmentCipher(this.#dataKey, header.noncePrefix, headerDigest(headerBytes));
    this.#segments = new Segmenter(header.segmentSize + TAG_BYTES);
  }

  /** A full stored segment with more bytes after it: it must verify as a non-final segment. */
  #release(stored: Buffer): void {
    const index = this.#nextIndex();
    const plaintext = this.#cipher?.open(index, false, stored);
    if (!plaintext) {
      // The only valid segment followed by more bytes is a non-final one: if this one is the
      // genuine final segment, bytes were appended after it; otherwise it was altered or moved.
      const wasFinal = this.#cipher?.open(index, true, stored);
      wasFinal?.fill(0);
      throw new DocumentIntegrityError(wasFinal ? 'trailing_data' : 'segment_auth_failed', index);
    }
    this.push(plaintext);
  }

  /** The held-back rest at the end of the stream: it must verify as the final segment. */
  #openFinal(stored: Buffer): Buffer {
    const index = this.#nextIndex();
    if (stored.length < TAG_BYTES) throw new DocumentIntegrityError('truncated', index);
    const plaintext = this.#cipher?.open(index, true, stored);
    if (plaintext) return plaintext;
    // A full-size rest that verifies as non-final: the object was cut at a segment boundary.
    const fullSize = stored.length === this.#segmentSize + TAG_BYTES;
    const nonFinal = fullSize ? this.#cipher?.open(index, false, stored) : undefined;
    nonFinal?.fill(0);
    throw new DocumentIntegrityError(nonFinal ? 'truncated' : 'segment_auth_failed', index);
  }

  #nextIndex(): number {
    // No genuine object has more segments than the nonce counter allows.
    if (this.#index >= MAX_SEGMENTS) throw new DocumentIntegrityError('trailing_data');
    return this.#index++;
  }
}

/**
 * Decrypts one stored document, checking it against the HMAC recorded when it was written.
 * The keys are copied into KeyObjects here: the caller may zero its buffers once this returns.
 */
export function createDecryptStream(
  keys: DocumentKeyMaterial,
  expectedHmac: Buffer,
): DecryptStream {
  return new DecryptStream(keys, expectedHmac);
}
