// verifyStoredDocument: the scrubber's check, with the HMAC key only.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { verifyStoredDocument, type StoredDocumentCheck } from './hmac.ts';
import { chunksOf, encryptBytes, testKeys } from './testing.ts';

async function stored(n: number) {
  const keys = testKeys();
  const { stored, summary } = await encryptBytes(keys, randomBytes(n));
  // Exactly what the scrubber is given: no data key.
  const check: StoredDocumentCheck = {
    documentId: keys.documentId,
    keyId: keys.keyId,
    hmacKey: keys.hmacKey,
    expectedHmac: summary.hmac,
  };
  return { stored, check };
}

describe('verifying a stored document without its data key', () => {
  test('intact objects pass, from a Readable or an async iterable, however chunked', async () => {
    for (const n of [0, 1, 300_000, 1_000_000]) {
      const { stored: bytes, check } = await stored(n);
      const fromStream = await verifyStoredDocument(
        Readable.from(chunksOf(bytes, { seed: n, max: 70_000 })),
        check,
      );
      assert.deepEqual(fromStream, { ok: true, storedBytes: bytes.length });
      async function* oneByte() {
        for (const chunk of chunksOf(bytes.subarray(0, 200), { size: 1 })) yield chunk;
        yield new Uint8Array(bytes.subarray(200));
      }
      assert.deepEqual(await verifyStoredDocument(oneByte(), check), fromStream);
    }
  });

  test('the wrong HMAC key or the wrong recorded HMAC is a mismatch', async () => {
    const { stored: bytes, check } = await stored(1000);
    const wrongKey = await verifyStoredDocument([bytes], { ...check, hmacKey: randomBytes(32) });
    assert.deepEqual(wrongKey, { ok: false, storedBytes: bytes.length, reason: 'hmac_mismatch' });
    const recorded = Buffer.from(check.expectedHmac);
    recorded[0] = recorded[0]! ^ 1;
    const wrongHmac = await verifyStoredDocument([bytes], { ...check, expectedHmac: recorded });
    assert.equal(wrongHmac.ok, false);
  });

  test('a header naming another document stops the read there', async () => {
    const { stored: bytes } = await stored(1_000_000);
    const { check: otherCheck } = await stored(10);
    let read = 0;
    async function* counted() {
      for (const chunk of chunksOf(bytes, { size: 1000 })) {
        read += chunk.length;
        yield chunk;
      }
    }
    const verdict = await verifyStoredDocument(counted(), otherCheck);
    assert.deepEqual(verdict, { ok: false, storedBytes: 1000, reason: 'wrong_document' });
    assert.equal(read, 1000);
  });

  test('a failing source is an error, not a verdict', async () => {
    const { stored: bytes, check } = await stored(1000);
    async function* failing() {
      yield bytes.subarray(0, 100);
      throw new Error('blob store unreachable');
    }
    await assert.rejects(verifyStoredDocument(failing(), check), /blob store unreachable/);
  });

  test('bad arguments are refused before reading', async () => {
    const { stored: bytes, check } = await stored(10);
    await assert.rejects(
      verifyStoredDocument([bytes], { ...check, expectedHmac: Buffer.alloc(31) }),
      RangeError,
    );
    await assert.rejects(
      verifyStoredDocument([bytes], { ...check, hmacKey: Buffer.alloc(16) }),
      /hmacKey must be 32 bytes/,
    );
    await assert.rejects(
      verifyStoredDocument([bytes], { ...check, documentId: 'doc-1' }),
      /documentId must be a UUID/,
    );
  });
});
