import { HeadObjectCommand } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../server/config/load.ts';
import { StartupError } from '../db/open.ts';
import { FsBlobStore } from './fs-store.ts';
import { checkBlobStore, openBlobStore } from './open.ts';
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
  const byDefault = await openBlobStore(loadConfig({ HEARTH_DATA_DIR: dataDir }));
  assert.ok(byDefault instanceof FsBlobStore);
  assert.equal(byDefault.root, join(dataDir, 'blobs'));
  const k = key();
  await byDefault.put(k, Readable.from([Buffer.from('x')]));
  assert.ok(existsSync(join(dataDir, 'blobs', k)));

  const elsewhere = mkdtempSync(join(tmpdir(), 'hearth-blobdir-'));
  const moved = await openBlobStore(
    loadConfig({ HEARTH_DATA_DIR: dataDir, HEARTH_BLOB_DIR: elsewhere }),
  );
  assert.equal(moved.kind, 'fs');
  assert.equal((moved as FsBlobStore).root, elsewhere);
});

test('HEARTH_BLOB_STORE=s3 with endpoint, path style and prefix stores in the bucket', async () => {
  const store = await openBlobStore(
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

test('the start-up check passes for a usable store and names the problem otherwise', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-data-'));
  const fsStore = await openBlobStore(loadConfig({ HEARTH_DATA_DIR: dataDir }));
  await checkBlobStore(fsStore);
  // The directory for writes in progress is gone and a file sits in its place.
  rmSync(join(dataDir, 'blobs', '.partial'), { recursive: true });
  writeFileSync(join(dataDir, 'blobs', '.partial'), '');
  await assert.rejects(
    checkBlobStore(fsStore),
    (err: unknown) =>
      err instanceof StartupError &&
      err.message ===
        `blob store: the blob directory ${join(dataDir, 'blobs')} is not writable (ENOTDIR)`,
  );

  const s3Env = (bucket: string) => ({
    HEARTH_BLOB_STORE: 's3',
    HEARTH_S3_BUCKET: bucket,
    HEARTH_S3_ENDPOINT: s3.endpoint,
    HEARTH_S3_FORCE_PATH_STYLE: 'true',
  });
  await checkBlobStore(await openBlobStore(loadConfig(s3Env(TEST_BUCKET))));
  await assert.rejects(
    checkBlobStore(await openBlobStore(loadConfig(s3Env('no-such-bucket')))),
    (err: unknown) =>
      err instanceof StartupError &&
      err.message === 'blob store: the S3 bucket no-such-bucket does not exist',
  );
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const unreachable = { ...s3Env(TEST_BUCKET), HEARTH_S3_ENDPOINT: `http://127.0.0.1:${port}` };
  await assert.rejects(
    checkBlobStore(await openBlobStore(loadConfig(unreachable))),
    (err: unknown) =>
      err instanceof StartupError &&
      err.message === `blob store: the S3 bucket ${TEST_BUCKET} cannot be reached (ECONNREFUSED)`,
  );
});
