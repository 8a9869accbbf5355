// The stored document format, version 1 (docs/document-format.md is the specification):
//
//   header (52 bytes) ‖ segment 0 ‖ segment 1 ‖ … ‖ final segment
//   segment = AES-256-GCM ciphertext ‖ 16-byte tag
//
// The header is plaintext but authenticated: its SHA-256 is in every segment's AAD.
import { createHash } from 'node:crypto';
import { DocumentIntegrityError } from './errors.ts';

export const MAGIC = Buffer.from('HDOC', 'ascii');
export const FORMAT_VERSION = 1;
/** AES-256-GCM segments, nonce = 8-byte prefix ‖ 32-bit counter, HMAC-SHA256 over the object. */
export const ALGORITHM_GCM_HMAC = 1;
export const HEADER_BYTES = 52;
export const TAG_BYTES = 16;
export const NONCE_PREFIX_BYTES = 8;
export const DEFAULT_SEGMENT_SIZE = 1 << 18;
export const MIN_SEGMENT_SIZE = 16;
/** A decoder buffers one segment before its tag is checked: this bounds what a header can ask. */
export const MAX_SEGMENT_SIZE = 1 << 24;
/** The nonce's counter is 32 bits. */
export const MAX_SEGMENTS = 2 ** 32;

export interface DocumentHeader {
  segmentSize: number;
  /** 16 bytes each. */
  documentId: Buffer;
  keyId: Buffer;
  noncePrefix: Buffer;
}

export function encodeHeader(header: DocumentHeader): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(out, 0);
  out[4] = FORMAT_VERSION;
  out[5] = ALGORITHM_GCM_HMAC;
  // Bytes 6–7 are reserved flags, zero in version 1.
  out.writeUInt32BE(header.segmentSize, 8);
  header.documentId.copy(out, 12);
  header.keyId.copy(out, 28);
  header.noncePrefix.copy(out, 44);
  return out;
}

/** Parses the first HEADER_BYTES of a stored object; refuses anything version 1 does not allow. */
export function parseHeader(bytes: Buffer): DocumentHeader {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 4).equals(MAGIC)) {
    throw new DocumentIntegrityError('bad_header');
  }
  if (bytes[4] !== FORMAT_VERSION || bytes[5] !== ALGORITHM_GCM_HMAC) {
    throw new DocumentIntegrityError('unsupported_version');
  }
  const segmentSize = bytes.readUInt32BE(8);
  if (bytes[6] !== 0 || bytes[7] !== 0 || !validSegmentSize(segmentSize)) {
    throw new DocumentIntegrityError('bad_header');
  }
  return {
    segmentSize,
    documentId: Buffer.from(bytes.subarray(12, 28)),
    keyId: Buffer.from(bytes.subarray(28, 44)),
    noncePrefix: Buffer.from(bytes.subarray(44, 52)),
  };
}

/**
 * Refuses a header that names another document or another key record. Checked before any
 * segment, so a blob filed under the wrong document fails at once with a precise reason.
 */
export function checkHeaderNames(
  header: DocumentHeader,
  expected: { documentId: Buffer; keyId: Buffer },
): void {
  if (!header.documentId.equals(expected.documentId)) {
    throw new DocumentIntegrityError('wrong_document');
  }
  if (!header.keyId.equals(expected.keyId)) throw new DocumentIntegrityError('wrong_key');
}

export function validSegmentSize(size: number): boolean {
  return Number.isInteger(size) && size >= MIN_SEGMENT_SIZE && size <= MAX_SEGMENT_SIZE;
}

/** What every segment's AAD starts with: the header cannot change without every tag failing. */
export function headerDigest(header: Buffer): Buffer {
  return createHash('sha256').update(header).digest();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID string as its 16 bytes (any version; case-insensitive). */
export function uuidBytes(uuid: string, name: string): Buffer {
  if (!UUID.test(uuid)) throw new RangeError(`${name} must be a UUID`);
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}
