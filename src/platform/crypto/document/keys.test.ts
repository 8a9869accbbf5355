// Key handling and argument checks at the streams' edges.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { createDecryptStream } from './decrypt.ts';
import { createEncryptStream } from './encrypt.ts';
import { newDocumentKeys, zeroDocumentKeys } from './keys.ts';
import { decryptBytes, encryptBytes, testKeys } from './testing.ts';

describe('document keys', () => {
  test('fresh keys: 32 random bytes each, a new key id every time', () => {
    const documentId = randomUUID();
    const one = newDocumentKeys(documentId);
    const two = newDocumentKeys(documentId);
    assert.equal(one.documentId, documentId);
    assert.equal(one.dataKey.length, 32);
    assert.equal(one.hmacKey.length, 32);
    assert.notEqual(one.keyId, two.keyId);
    assert.ok(!one.dataKey.equals(two.dataKey) && !one.dataKey.equals(one.hmacKey));
    zeroDocumentKeys(one);
    assert.ok(one.dataKey.equals(Buffer.alloc(32)) && one.hmacKey.equals(Buffer.alloc(32)));
  });

  test("the streams keep their own copies: the caller's buffers may be zeroed at once", async () => {
    const keys = testKeys();
    const copy = () => ({
      ...keys,
      dataKey: Buffer.from(keys.dataKey),
      hmacKey: Buffer.from(keys.hmacKey),
    });
    const forEncrypt = copy();
    const forDecrypt = copy();
    const plaintext = randomBytes(300_000);
    const encrypt = createEncryptStream(forEncrypt);
    const decrypt = () => createDecryptStream(forDecrypt, encrypt.summary().hmac);
    zeroDocumentKeys(forEncrypt);
    encrypt.end(plaintext);
    const stored = Buffer.concat(await encrypt.toArray());
    const stream = decrypt();
    zeroDocumentKeys(forDecrypt);
    stream.end(stored);
    assert.ok(Buffer.concat(await stream.toArray()).equals(plaintext));
    // And the bytes are the document's, under the original keys.
    const { output } = await decryptBytes(keys, stored, encrypt.summary().hmac);
    assert.ok(output.equals(plaintext));
    const again = await encryptBytes(keys, plaintext);
    assert.equal(again.stored.length, stored.length);
  });

  test('the summary exists only once the stream has ended', () => {
    const encrypt = createEncryptStream(testKeys());
    assert.throws(() => encrypt.summary(), /once the stream has ended/);
    encrypt.destroy();
  });

  test('keys, ids, segment sizes and the expected HMAC are checked', () => {
    const keys = testKeys();
    assert.throws(
      () => createEncryptStream({ ...keys, dataKey: randomBytes(16) }),
      /dataKey must be 32 bytes/,
    );
    assert.throws(
      () => createEncryptStream({ ...keys, hmacKey: randomBytes(33) }),
      /hmacKey must be 32 bytes/,
    );
    assert.throws(() => createEncryptStream({ ...keys, keyId: 'k1' }), /keyId must be a UUID/);
    assert.throws(() => createEncryptStream(keys, { segmentSize: 15 }), /segmentSize/);
    assert.throws(() => createEncryptStream(keys, { segmentSize: 2 ** 24 + 1 }), /segmentSize/);
    assert.throws(() => createEncryptStream(keys, { segmentSize: 1000.5 }), /segmentSize/);
    assert.throws(
      () => createDecryptStream(keys, Buffer.alloc(16)),
      /expectedHmac must be 32 bytes/,
    );
    assert.throws(
      () => createDecryptStream({ ...keys, dataKey: Buffer.alloc(0) }, Buffer.alloc(32)),
      /dataKey/,
    );
  });
});
