import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FsBlobStore } from './fs-store.ts';
import { S3BlobStore } from './s3-store.ts';
import type { BlobStore } from './store.ts';
import { digestOf, randomSource } from './testing/bytes.ts';
import { startTestS3, TEST_BUCKET, type TestS3 } from './testing/s3-server.ts';

const MB = 1024 * 1024;
// Memory, not time: streaming keeps a few parts in flight whatever the size (s3-store.ts).
const MAX_GROWTH = 100 * MB;

let s3: TestS3;
before(async () => {
  s3 = await startTestS3();
});
after(() => s3.close());

// A collector to call: V8 collects large Buffers only once external memory has grown by tens
// of MB, so raw RSS samples would measure the collector's appetite, not what a store holds.
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** The highest RSS seen while `work` runs, sampled every 50 ms just after a collection. */
async function peakRss(work: () => Promise<void>): Promise<number> {
  const sample = () => {
    collect();
    return process.memoryUsage.rss();
  };
  let peak = sample();
  const timer = setInterval(() => (peak = Math.max(peak, sample())), 50);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return peak;
}

async function roundTrip(store: BlobStore, bytes: number): Promise<void> {
  const key = `${randomUUID()}/${randomUUID()}`;
  const source = randomSource(bytes);
  await store.put(key, source.stream);
  assert.deepEqual(await digestOf(await store.get(key)), { sha256: source.sha256(), bytes });
}

for (const kind of ['fs', 's3'] as const) {
  test(`${kind}: a 200 MB put and get keep RSS growth under ${MAX_GROWTH / MB} MB`, async (t) => {
    const store =
      kind === 'fs'
        ? new FsBlobStore(mkdtempSync(join(tmpdir(), 'hearth-blobs-mem-')))
        : new S3BlobStore({ client: s3.client, bucket: TEST_BUCKET });
    // Warm up first, so that loading code and first buffers are not counted as growth.
    await roundTrip(store, 20 * MB);
    collect();
    const baseline = process.memoryUsage.rss();
    const peak = await peakRss(() => roundTrip(store, 200 * MB));
    const growth = peak - baseline;
    t.diagnostic(`${kind}: RSS growth during a 200 MB put and get: ${(growth / MB).toFixed(1)} MB`);
    assert.ok(growth < MAX_GROWTH, `RSS grew by ${(growth / MB).toFixed(1)} MB`);
  });
}
