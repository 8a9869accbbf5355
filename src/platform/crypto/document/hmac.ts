import { createHmac, timingSafeEqual } from 'node:crypto';
import { DocumentIntegrityError, type IntegrityReason } from './errors.ts';
import {
  checkHeaderNames,
  HEADER_BYTES,
  MAX_SEGMENTS,
  parseHeader,
  TAG_BYTES,
  type DocumentHeader,
} from './format.ts';
import { HeaderReader } from './header-reader.ts';
import { importKey, importNames } from './keys.ts';

export interface StoredDocumentCheck {
  documentId: string;
  keyId: string;
  hmacKey: Buffer;
  /** The HMAC recorded when the object was written (EncryptSummary.hmac). */
  expectedHmac: Buffer;
}

export type StoredDocumentVerdict =
  | { ok: true; storedBytes: number }
  /** storedBytes: how many were read before the verdict (a wrong header stops the read). */
  | { ok: false; storedBytes: number; reason: IntegrityReason };

/**
 * Integrity only, for the scrubber: streams the stored object through HMAC-SHA256 under the
 * document's HMAC key and compares it with the recorded one. Needs no data key, so whoever
 * runs it cannot decrypt. Also checks that the header parses and names this document and key
 * record, and that the object is not too short to be one. Errors reading the source
 * are thrown; a corrupt object is a verdict, not an exception.
 */
export async function verifyStoredDocument(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  check: StoredDocumentCheck,
): Promise<StoredDocumentVerdict> {
  if (!Buffer.isBuffer(check.expectedHmac) || check.expectedHmac.length !== 32) {
    throw new RangeError('expectedHmac must be 32 bytes');
  }
  const names = importNames(check);
  const hmac = createHmac('sha256', importKey(check.hmacKey, 'hmacKey'));
  const reader = new HeaderReader();
  let header: DocumentHeader | undefined;
  let storedBytes = 0;
  try {
    for await (const chunk of source) {
      const bytes = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      storedBytes += bytes.length;
      hmac.update(bytes);
      if (!header) {
        const found = reader.take(bytes);
        if (found) {
          header = parseHeader(found.bytes);
          checkHeaderNames(header, names);
        }
      }
    }
    if (!header) throw reader.incomplete();
    checkLength(storedBytes, header.segmentSize);
  } catch (err) {
    if (err instanceof DocumentIntegrityError)
      return { ok: false, storedBytes, reason: err.reason };
    throw err;
  }
  const ok = timingSafeEqual(hmac.digest(), check.expectedHmac);
  return ok ? { ok, storedBytes } : { ok, storedBytes, reason: 'hmac_mismatch' };
}

/**
 * Only what the length proves without a key: shorter than a header and one empty final
 * segment is certainly cut; more segments than the nonce counter allows is certainly added
 * to. Other impossible lengths (a last piece of 1–15 bytes: cut, or bytes added after a full
 * final segment?) are left to the HMAC, which refuses them without guessing which.
 */
function checkLength(storedBytes: number, segmentSize: number): void {
  const body = storedBytes - HEADER_BYTES;
  if (body < TAG_BYTES) throw new DocumentIntegrityError('truncated');
  if (Math.ceil(body / (segmentSize + TAG_BYTES)) > MAX_SEGMENTS) {
    throw new DocumentIntegrityError('trailing_data');
  }
}
