import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { FsBlobStore } from './fs-store.ts';
import { BlobExistsError } from './store.ts';
import { blobStoreContract } from './testing/contract.ts';

const store = new FsBlobStore(mkdtempSync(join(tmpdir(), 'hearth-blobs-')));

describe('filesystem blob store', () => {
  blobStoreContract(() => ({ store }));

  test('blobs are private: files 0600, directories 0700, nothing left in .partial', async () => {
    const practice = randomUUID();
    const key = `${practice}/${randomUUID()}/${randomUUID()}`;
    await store.put(key, Readable.from([Buffer.from('sealed')]));
    assert.equal(statSync(join(store.root, key)).mode & 0o777, 0o600);
    assert.equal(statSync(join(store.root, practice)).mode & 0o777, 0o700);
    assert.equal(statSync(join(store.root, '.partial')).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(join(store.root, '.partial')), []);
  });

  test('two writers racing for one key: exactly one wins, the other is refused', async () => {
    const key = `${randomUUID()}/${randomUUID()}`;
    // Both are past the early existence check before either has finished writing.
    const sources = [new PassThrough(), new PassThrough()];
    const puts = sources.map((s) => store.put(key, s));
    await new Promise((resolve) => setTimeout(resolve, 50));
    sources.forEach((s, i) => s.end(Buffer.alloc(i + 1, i)));
    const results = await Promise.allSettled(puts);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected');
    assert.ok(refused?.reason instanceof BlobExistsError);
    assert.deepEqual(readdirSync(join(store.root, '.partial')), []);
  });

  test('sweepPartials removes only leftovers older than the threshold', async () => {
    const HOUR = 60 * 60_000;
    const old = join(store.root, '.partial', `${randomUUID()}.part`);
    const fresh = join(store.root, '.partial', `${randomUUID()}.part`);
    writeFileSync(old, 'left by a crash');
    writeFileSync(fresh, 'a write in progress');
    const twoHoursAgo = new Date(Date.now() - 2 * HOUR);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    assert.deepEqual(await store.sweepPartials(3 * HOUR), { removed: 0 });
    assert.deepEqual(await store.sweepPartials(HOUR), { removed: 1 });
    assert.deepEqual(readdirSync(join(store.root, '.partial')), [basename(fresh)]);
    rmSync(fresh);
  });

  test('files in the directory that are not Hearth keys are never listed', async () => {
    const practice = randomUUID();
    const key = `${practice}/0`;
    await store.put(key, Readable.from([Buffer.from('x')]));
    writeFileSync(join(store.root, practice, 'notes.txt'), 'operator scribble');
    writeFileSync(join(store.root, practice, 'UPPER'), 'x');
    const seen = [];
    for await (const entry of store.list(`${practice}/`)) seen.push(entry.key);
    assert.deepEqual(seen, [key]);
  });
});
