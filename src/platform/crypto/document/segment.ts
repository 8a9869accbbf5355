import { createCipheriv, createDecipheriv, type KeyObject } from 'node:crypto';
import { MAX_SEGMENTS, NONCE_PREFIX_BYTES, TAG_BYTES } from './format.ts';

/** AAD = SHA-256(header) ‖ uint32 BE segment index ‖ final flag (0x00 or 0x01). */
const AAD_BYTES = 32 + 4 + 1;

/**
 * AES-256-GCM over one document's segments. Nonce = the header's random 8-byte prefix ‖ the
 * segment index (uint32 BE): unique per segment under a key that encrypts one document only.
 * The index and the final flag are in the AAD too, so a segment moved, dropped, duplicated or
 * turned into (or out of) the final one fails its tag.
 */
export class SegmentCipher {
  readonly #key: KeyObject;
  readonly #nonce = Buffer.alloc(12);
  readonly #aad = Buffer.alloc(AAD_BYTES);

  constructor(key: KeyObject, noncePrefix: Buffer, headerDigest: Buffer) {
    this.#key = key;
    noncePrefix.copy(this.#nonce, 0, 0, NONCE_PREFIX_BYTES);
    headerDigest.copy(this.#aad, 0);
  }

  /** Returns [ciphertext, tag]; pushed separately so the ciphertext is never copied. */
  seal(index: number, final: boolean, plaintext: Buffer): [Buffer, Buffer] {
    // createCipheriv copies the nonce and setAAD the AAD, so both buffers are reused.
    const cipher = createCipheriv('aes-256-gcm', this.#key, this.#prepare(index, final));
    cipher.setAAD(this.#aad);
    const ciphertext = cipher.update(plaintext);
    cipher.final();
    return [ciphertext, cipher.getAuthTag()];
  }

  /** The segment's plaintext, or undefined when its tag does not verify (nothing is returned). */
  open(index: number, final: boolean, stored: Buffer): Buffer | undefined {
    const cut = stored.length - TAG_BYTES;
    const decipher = createDecipheriv('aes-256-gcm', this.#key, this.#prepare(index, final), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(stored.subarray(cut));
    decipher.setAAD(this.#aad);
    const plaintext = decipher.update(stored.subarray(0, cut));
    try {
      decipher.final();
      return plaintext;
    } catch {
      // Unauthenticated plaintext never leaves this function, and does not linger in memory.
      plaintext.fill(0);
      return undefined;
    }
  }

  #prepare(index: number, final: boolean): Buffer {
    if (!Number.isInteger(index) || index < 0 || index >= MAX_SEGMENTS) {
      throw new RangeError('a document has at most 2^32 segments');
    }
    this.#nonce.writeUInt32BE(index, NONCE_PREFIX_BYTES);
    this.#aad.writeUInt32BE(index, 32);
    this.#aad[36] = final ? 1 : 0;
    return this.#nonce;
  }
}
