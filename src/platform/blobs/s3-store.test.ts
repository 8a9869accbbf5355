import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { S3BlobStore } from './s3-store.ts';
import { failingSource, randomSource } from './testing/bytes.ts';
import { blobStoreContract } from './testing/contract.ts';
import { startTestS3, TEST_BUCKET, type TestS3 } from './testing/s3-server.ts';

let s3: TestS3;
let store: S3BlobStore;
const PAGE = 2;
const MB = 1024 * 1024;

before(async () => {
  s3 = await startTestS3();
  store = new S3BlobStore({ client: s3.client, bucket: TEST_BUCKET, pageSize: PAGE });
});
after(() => s3.close());

describe('S3 blob store (against a local S3-compatible server)', () => {
  const listRequests = () => s3.sent.filter((r) => r.command === 'ListObjectsV2Command').length;
  blobStoreContract(() => ({ store, paging: { requests: listRequests, pageSize: PAGE } }));

  test('the request that commits an object carries If-None-Match: * (one part and several)', async () => {
    for (const bytes of [10, 20 * MB]) {
      const from = s3.sent.length;
      await store.put(`${randomUUID()}/0`, randomSource(bytes).stream);
      const sent = s3.sent.slice(from);
      const commits = sent
        .filter((r) => ['PutObjectCommand', 'CompleteMultipartUploadCommand'].includes(r.command))
        .map((r) => ({ command: r.command, ifNoneMatch: r.ifNoneMatch }));
      assert.deepEqual(commits, [
        {
          command: bytes === 10 ? 'PutObjectCommand' : 'CompleteMultipartUploadCommand',
          ifNoneMatch: '*',
        },
      ]);
      // Without flexible checksums, the signature still covers each body's SHA-256 (open.ts).
      const bodies = sent.filter((r) =>
        ['PutObjectCommand', 'UploadPartCommand'].includes(r.command),
      );
      assert.equal(bodies.length, bytes === 10 ? 1 : 3);
      for (const body of bodies) assert.match(body.payloadHash ?? '', /^[0-9a-f]{64}$/);
    }
  });

  test('a multipart upload that fails is aborted, never completed', async () => {
    const from = s3.sent.length;
    const key = `${randomUUID()}/0`;
    await assert.rejects(store.put(key, failingSource(20 * MB, new Error('dropped'))), /dropped/);
    const commands = s3.sent.slice(from).map((r) => r.command);
    assert.ok(commands.includes('CreateMultipartUploadCommand'));
    assert.ok(commands.includes('UploadPartCommand'), 'a part was sent before the failure');
    assert.equal(commands.filter((c) => c === 'AbortMultipartUploadCommand').length, 1);
    assert.ok(!commands.includes('CompleteMultipartUploadCommand'));
    assert.equal(commands.at(-1), 'AbortMultipartUploadCommand', 'aborted before put rejected');
  });

  test('HEARTH_S3_PREFIX: keys live under the prefix, and stores with other prefixes never see them', async () => {
    const a = new S3BlobStore({ client: s3.client, bucket: TEST_BUCKET, prefix: 'site-a/' });
    const b = new S3BlobStore({ client: s3.client, bucket: TEST_BUCKET, prefix: 'site-b' });
    const key = `${randomUUID()}/${randomUUID()}`;
    await a.put(key, Readable.from([Buffer.from('a')]));
    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: TEST_BUCKET, Key: `site-a/${key}` }),
    );
    assert.equal(head.ContentLength, 1);
    assert.equal(await b.stat(key), null);
    const seen = [];
    for await (const entry of b.list('')) seen.push(entry.key);
    assert.ok(!seen.includes(key));
    // B may store its own blob under the same key: the prefixes keep them apart.
    await b.put(key, Readable.from([Buffer.from('bb')]));
    assert.deepEqual(await a.stat(key), { bytes: 1 });
  });

  test('objects in a shared bucket that are not Hearth keys are never listed', async () => {
    const shared = new S3BlobStore({ client: s3.client, bucket: TEST_BUCKET, prefix: 'shared' });
    const foreign = ['shared/README.txt', 'shared/Backups/2026.tar', 'shared/a b/0'];
    for (const Key of foreign) {
      await s3.client.send(new PutObjectCommand({ Bucket: TEST_BUCKET, Key, Body: 'x' }));
    }
    const key = `${randomUUID()}/0`;
    await shared.put(key, Readable.from([Buffer.from('ours')]));
    const seen = [];
    for await (const entry of shared.list('')) seen.push(entry.key);
    assert.deepEqual(seen, [key]);
  });
});
