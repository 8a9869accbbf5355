import { HeadObjectCommand } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../config.ts';
import { FsBlobStore } from './fs-store.ts';
import { openBlobStore } from './open.ts';
import { digestOf } from './testing/bytes.ts';
import { startTestS3, TEST_BUCKET, type TestS3 } from './testing/s3-server.ts';

let s3: TestS3;
before(async () => {
  s3 = await startTestS3();
});
after(() => s3.close());

const key = () => `${randomUUID()}/${randomUUID()}`;

test('by default, blobs are files in <HEARTH_DATA_DIR>/blobs; HEARTH_BLOB_DIR moves them', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-data-'));
  const byDefault = openBlobStore(loadConfig({ HEARTH_DATA_DIR: dataDir }));
  assert.ok(byDefault instanceof FsBlobStore);
  assert.equal(byDefault.root, join(dataDir, 'blobs'));
  const k = key();
  await byDefault.put(k, Readable.from([Buffer.from('x')]));
  assert.ok(existsSync(join(dataDir, 'blobs', k)));

  const elsewhere = mkdtempSync(join(tmpdir(), 'hearth-blobdir-'));
  const moved = openBlobStore(loadConfig({ HEARTH_DATA_DIR: dataDir, HEARTH_BLOB_DIR: elsewhere }));
  assert.equal(moved.kind, 'fs');
  assert.equal((moved as FsBlobStore).root, elsewhere);
});

test('HEARTH_BLOB_STORE=s3 with endpoint, path style and prefix stores in the bucket', async () => {
  const store = openBlobStore(
    loadConfig({
      HEARTH_BLOB_STORE: 's3',
      HEARTH_S3_BUCKET: TEST_BUCKET,
      HEARTH_S3_ENDPOINT: s3.endpoint,
      HEARTH_S3_FORCE_PATH_STYLE: 'true',
      HEARTH_S3_PREFIX: 'clinic-one',
    }),
  );
  assert.equal(store.kind, 's3');
  const k = key();
  assert.deepEqual(await store.put(k, Readable.from([Buffer.from('sealed bytes')])), { bytes: 12 });
  assert.equal((await digestOf(await store.get(k))).bytes, 12);
  // Read back with a plain client: the object sits under the prefix.
  const head = await s3.client.send(
    new HeadObjectCommand({ Bucket: TEST_BUCKET, Key: `clinic-one/${k}` }),
  );
  assert.equal(head.ContentLength, 12);
});
