// Conformance: the streams write and read exactly the bytes docs/document-format.md specifies.
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { DocumentIntegrityError } from './errors.ts';
import { MAX_SEGMENTS, parseHeader } from './format.ts';
import { verifyStoredDocument } from './hmac.ts';
import { referenceEncode } from './reference.ts';
import { SegmentCipher } from './segment.ts';
import { decryptBytes, encryptBytes, testKeys } from './testing.ts';

// The test vector printed in docs/document-format.md.
const VECTOR = {
  documentId: '6f1c2e0a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  keyId: '1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0',
  dataKey: Buffer.from(Array.from({ length: 32 }, (_, i) => i)),
  hmacKey: Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i)),
  noncePrefix: Buffer.from('a0a1a2a3a4a5a6a7', 'hex'),
  segmentSize: 16,
  plaintext: Buffer.from('Hearth test vector: 40 bytes, 3 chunks.\n', 'utf8'),
};
const VECTOR_STORED = Buffer.from(
  '48444f4301010000000000106f1c2e0a3b4d4e5f8a9b0c1d2e3f4a5b1b2c3d4e' +
    '5f6041728394a5b6c7d8e9f0a0a1a2a3a4a5a6a7b63c8fda255a5251b20caeb9' +
    'fa1356de369c7af7603ee58064b617b14bb25ff25cf16d04406048b3bac4d44a' +
    '46ad3d82ffd66d72feb97797772a5667aaf9e515b5f8d0efcd172f88ba6ea115' +
    '57139afff62ef7a23d0df7d5',
  'hex',
);
const VECTOR_HMAC = Buffer.from(
  '93834fcdd261d4561ffdf76b394be493b083196f0f283e10c49f74cb3f4b97ff',
  'hex',
);

function reason(err: unknown): string | undefined {
  return err instanceof DocumentIntegrityError ? err.reason : undefined;
}

describe('document format v1', () => {
  test('the encrypt stream writes exactly the specified bytes (reference encoder)', async () => {
    const keys = testKeys();
    const size = 64;
    for (const n of [0, 1, size - 1, size, size + 1, 3 * size, 3 * size + 1]) {
      const plaintext = randomBytes(n);
      const { stored, summary } = await encryptBytes(keys, plaintext, {
        segmentSize: size,
        chunking: { seed: n, max: 40 },
      });
      // The nonce prefix is random; everything else follows from the specification.
      const noncePrefix = stored.subarray(44, 52);
      const expected = referenceEncode({ ...keys, noncePrefix, segmentSize: size, plaintext });
      assert.ok(stored.equals(expected.stored), `stored bytes for a ${n}-byte document`);
      assert.ok(summary.hmac.equals(expected.hmac));
      assert.equal(summary.storedBytes, stored.length);
      assert.equal(summary.plaintextBytes, n);
    }
  });

  test('the published test vector decrypts and verifies, and the reference reproduces it', async () => {
    assert.ok(referenceEncode(VECTOR).stored.equals(VECTOR_STORED));
    assert.ok(referenceEncode(VECTOR).hmac.equals(VECTOR_HMAC));
    const { output, error } = await decryptBytes(VECTOR, VECTOR_STORED, VECTOR_HMAC, { size: 7 });
    assert.equal(error, undefined);
    assert.equal(output.toString('utf8'), VECTOR.plaintext.toString('utf8'));
    const verdict = await verifyStoredDocument([VECTOR_STORED], {
      ...VECTOR,
      expectedHmac: VECTOR_HMAC,
    });
    assert.deepEqual(verdict, { ok: true, storedBytes: 140 });
  });

  test('a new stream draws a new nonce prefix: the same input never gives the same bytes', async () => {
    const keys = testKeys();
    const plaintext = randomBytes(100);
    const one = await encryptBytes(keys, plaintext);
    const two = await encryptBytes(keys, plaintext);
    assert.ok(!one.stored.subarray(44, 52).equals(two.stored.subarray(44, 52)));
    assert.ok(!one.stored.subarray(52).equals(two.stored.subarray(52)));
  });

  test('header fields outside version 1 are refused with their reason', () => {
    const refused = (edit: (h: Buffer) => void, length = 52) => {
      const h = Buffer.from(VECTOR_STORED.subarray(0, length));
      edit(h);
      try {
        parseHeader(h);
        return 'accepted';
      } catch (err) {
        return reason(err);
      }
    };
    assert.equal(
      refused(() => {}),
      'accepted',
    );
    assert.equal(
      refused((h) => h.write('HDOX', 0, 'ascii')),
      'bad_header',
    );
    assert.equal(
      refused((h) => (h[4] = 2)),
      'unsupported_version',
    );
    assert.equal(
      refused((h) => (h[5] = 2)),
      'unsupported_version',
    );
    assert.equal(
      refused((h) => (h[7] = 1)),
      'bad_header',
    );
    assert.equal(
      refused((h) => h.writeUInt32BE(15, 8)),
      'bad_header',
    );
    assert.equal(
      refused((h) => h.writeUInt32BE(2 ** 24 + 1, 8)),
      'bad_header',
    );
    assert.equal(
      refused((h) => h.writeUInt32BE(2 ** 24, 8)),
      'accepted',
    );
    assert.equal(
      refused(() => {}, 51),
      'bad_header',
    );
  });

  test('the 32-bit segment counter never wraps', () => {
    const cipher = new SegmentCipher(
      createSecretKey(randomBytes(32)),
      randomBytes(8),
      randomBytes(32),
    );
    const [ciphertext, tag] = cipher.seal(MAX_SEGMENTS - 1, true, Buffer.from('last'));
    const stored = Buffer.concat([ciphertext, tag]);
    assert.equal(cipher.open(MAX_SEGMENTS - 1, true, stored)?.toString(), 'last');
    assert.throws(() => cipher.seal(MAX_SEGMENTS, true, Buffer.alloc(1)), /at most 2\^32 segments/);
    assert.throws(() => cipher.open(MAX_SEGMENTS, true, stored), /at most 2\^32 segments/);
  });
});
