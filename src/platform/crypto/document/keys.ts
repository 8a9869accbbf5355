import { createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { uuidBytes } from './format.ts';

/** What encrypts, decrypts and authenticates one document (one generation of it). */
export interface DocumentKeyMaterial {
  documentId: string;
  /** The key record's id: a re-encrypted generation has a new one, and it is in the header. */
  keyId: string;
  /** 32 bytes, AES-256-GCM; encrypts this one document only. */
  dataKey: Buffer;
  /** 32 bytes, HMAC-SHA256 over the stored object; all the integrity scrubber holds. */
  hmacKey: Buffer;
}

/** Fresh random keys for a new document or a new generation of one. Zero them once wrapped. */
export function newDocumentKeys(documentId: string): DocumentKeyMaterial {
  return { documentId, keyId: randomUUID(), dataKey: randomBytes(32), hmacKey: randomBytes(32) };
}

/** Overwrites both keys; for buffers the caller owns, once they are wrapped or used. */
export function zeroDocumentKeys(keys: DocumentKeyMaterial): void {
  keys.dataKey.fill(0);
  keys.hmacKey.fill(0);
}

export interface ImportedNames {
  documentId: Buffer;
  keyId: Buffer;
}

export function importNames(keys: { documentId: string; keyId: string }): ImportedNames {
  return {
    documentId: uuidBytes(keys.documentId, 'documentId'),
    keyId: uuidBytes(keys.keyId, 'keyId'),
  };
}

/**
 * A 32-byte key as a KeyObject. The streams hold KeyObjects, never the caller's buffers: the
 * key is copied into native memory that Node wipes when it frees it (so the caller may zero
 * its buffer as soon as a stream is created), and a KeyObject makes each segment's cipher
 * about six times cheaper to create than a raw buffer does.
 */
export function importKey(key: Buffer, name: string): KeyObject {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new RangeError(`${name} must be 32 bytes`);
  return createSecretKey(key);
}
