import { createHmac, timingSafeEqual, type Hmac, type KeyObject } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DocumentIntegrityError } from './errors.ts';
import { checkHeaderNames, headerDigest, MAX_SEGMENTS, parseHeader, TAG_BYTES } from './format.ts';
import { HeaderReader } from './header-reader.ts';
import { importKey, importNames, type DocumentKeyMaterial, type ImportedNames } from './keys.ts';
import { SegmentCipher } from './segment.ts';
import { Segmenter } from './segmenter.ts';

/** What the header fixes for the rest of the object. */
interface Body {
  cipher: SegmentCipher;
  segments: Segmenter;
  storedSegment: number;
}

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
  #body: Body | undefined;
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
      let rest = chunk;
      if (!this.#body) {
        const header = this.#header.take(chunk);
        if (!header) return done();
        this.#body = this.#start(header.bytes);
        rest = header.rest;
      }
      const body = this.#body;
      body.segments.push(rest, (stored) => this.push(this.#openNonFinal(body, stored)));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.#body) throw this.#header.incomplete();
      const plaintext = this.#openFinal(this.#body, this.#body.segments.rest());
      // Constant time: how much of the HMAC matched tells an attacker nothing.
      if (!timingSafeEqual(this.#hmac.digest(), this.#expectedHmac)) {
        plaintext.fill(0);
        throw new DocumentIntegrityError('hmac_mismatch');
      }
      if (plaintext.length > 0) this.push(plaintext);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  #start(headerBytes: Buffer): Body {
    const header = parseHeader(headerBytes);
    checkHeaderNames(header, this.#names);
    // The HMAC covers every stored byte in order: the header now, then each segment as it is
    // opened (while its bytes are still in the CPU's cache for the GCM pass).
    this.#hmac.update(headerBytes);
    return {
      cipher: new SegmentCipher(this.#dataKey, header.noncePrefix, headerDigest(headerBytes)),
      segments: new Segmenter(header.segmentSize + TAG_BYTES),
      storedSegment: header.segmentSize + TAG_BYTES,
    };
  }

  /** A full stored segment with more bytes after it: it must verify as a non-final segment. */
  #openNonFinal(body: Body, stored: Buffer): Buffer {
    this.#hmac.update(stored);
    const index = this.#nextIndex();
    const plaintext = body.cipher.open(index, false, stored);
    if (plaintext) return plaintext;
    // The genuine final segment, followed by more bytes, is data appended after the end;
    // anything else was altered, moved or taken from another object.
    const final = body.cipher.open(index, true, stored);
    final?.fill(0);
    throw new DocumentIntegrityError(final ? 'trailing_data' : 'segment_auth_failed', index);
  }

  /** What is left at the end of the stream: it must verify as the final segment. */
  #openFinal(body: Body, stored: Buffer): Buffer {
    this.#hmac.update(stored);
    const index = this.#nextIndex();
    if (stored.length < TAG_BYTES) throw new DocumentIntegrityError('truncated', index);
    const plaintext = body.cipher.open(index, true, stored);
    if (plaintext) return plaintext;
    // A full-size segment that verifies as non-final: the object was cut at its boundary.
    const full = stored.length === body.storedSegment;
    const nonFinal = full ? body.cipher.open(index, false, stored) : undefined;
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
