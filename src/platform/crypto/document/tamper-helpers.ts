// Tampering checks shared by the tamper tests: a corrupted object must be refused by decryption
// with the right reason, releasing only a prefix of the plaintext that ends before the damaged
// segment, and refused by verification without the data key.
import assert from 'node:assert/strict';
import { DocumentIntegrityError, type IntegrityReason } from './errors.ts';
import { verifyStoredDocument } from './hmac.ts';
import type { DocumentKeyMaterial } from './keys.ts';
import { decryptBytes, type Chunking } from './testing.ts';

export interface Original {
  keys: DocumentKeyMaterial;
  plaintext: Buffer;
  hmac: Buffer;
}

export interface Refusal {
  reason: IntegrityReason;
  /** The segment index the error names, when it names one. */
  segment?: number;
  /** The most plaintext that may come out: the segments before the damaged one. */
  releasedAtMost: number;
  /** What verifyStoredDocument says (it cannot open segments); hmac_mismatch by default. */
  verifyReason?: IntegrityReason;
  keys?: DocumentKeyMaterial;
  expectedHmac?: Buffer;
  chunking?: Chunking;
}

export async function assertRefused(
  original: Original,
  stored: Buffer,
  expected: Refusal,
  label: string,
): Promise<void> {
  const keys = expected.keys ?? original.keys;
  const hmac = expected.expectedHmac ?? original.hmac;
  const { output, error } = await decryptBytes(keys, stored, hmac, expected.chunking);
  assert.ok(error instanceof DocumentIntegrityError, `${label}: refused, got ${String(error)}`);
  assert.equal(error.reason, expected.reason, `${label}: reason`);
  if (expected.segment !== undefined) assert.equal(error.segment, expected.segment, label);
  // Words and at most a segment index: no room for key, plaintext or stored bytes.
  assert.match(error.message, /^[a-zA-Z ]+( \(segment \d+\))?$/, label);
  assert.ok(
    output.length <= expected.releasedAtMost,
    `${label}: released ${output.length} > ${expected.releasedAtMost}`,
  );
  assert.ok(output.equals(original.plaintext.subarray(0, output.length)), `${label}: prefix`);

  const verdict = await verifyStoredDocument([stored], {
    documentId: keys.documentId,
    keyId: keys.keyId,
    hmacKey: keys.hmacKey,
    expectedHmac: hmac,
  });
  assert.equal(verdict.ok, false, `${label}: verify refuses`);
  if (!verdict.ok) {
    assert.equal(verdict.reason, expected.verifyReason ?? 'hmac_mismatch', `${label}: verify`);
  }
}
