import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import {
  BlobExistsError,
  BlobKeyError,
  BlobNotFoundError,
  BlobTooLargeError,
  type BlobStore,
} from '../store.ts';
import { digestOf, failingSource, randomSource } from './bytes.ts';

export interface ContractSubject {
  store: BlobStore;
  /** Where the store pages its listings (S3): page requests so far, and the page size. */
  paging?: { requests(): number; pageSize: number };
}

const MB = 1024 * 1024;
const freshKey = () => `${randomUUID()}/${randomUUID()}`;

async function keysUnder(store: BlobStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const entry of store.list(prefix)) keys.push(entry.key);
  return keys.sort();
}

/** The promises every BlobStore keeps (store.ts), run against each implementation alike. */
export function blobStoreContract(subject: () => ContractSubject): void {
  for (const bytes of [0, 1, 20 * MB]) {
    test(`round trip of ${bytes} bytes, streamed`, async () => {
      const { store } = subject();
      const key = freshKey();
      const source = randomSource(bytes);
      assert.deepEqual(await store.put(key, source.stream), { bytes });
      assert.deepEqual(await store.stat(key), { bytes });
      assert.deepEqual(await digestOf(await store.get(key)), { sha256: source.sha256(), bytes });
    });
  }

  test('a missing key: get rejects with BlobNotFoundError, stat answers null', async () => {
    const { store } = subject();
    const key = freshKey();
    await assert.rejects(store.get(key), BlobNotFoundError);
    assert.equal(await store.stat(key), null);
  });

  test('an existing blob is never overwritten', async () => {
    const { store } = subject();
    const key = freshKey();
    await store.put(key, Readable.from([Buffer.from('first')]));
    await assert.rejects(store.put(key, Readable.from([Buffer.from('second!')])), BlobExistsError);
    const kept = await digestOf(await store.get(key));
    assert.equal(kept.bytes, 'first'.length);
  });

  test('delete removes the blob and is idempotent', async () => {
    const { store } = subject();
    const key = freshKey();
    await store.put(key, Readable.from([Buffer.from('x')]));
    await store.delete(key);
    await store.delete(key);
    await store.delete(freshKey());
    await assert.rejects(store.get(key), BlobNotFoundError);
    assert.equal(await store.stat(key), null);
    // The key is free again: a new blob may be stored there.
    await store.put(key, Readable.from([Buffer.from('again')]));
    assert.deepEqual(await store.stat(key), { bytes: 5 });
  });

  test('list yields every blob under a prefix, across pages, with sizes and times', async () => {
    const { store, paging } = subject();
    const practice = randomUUID();
    const inside = Array.from({ length: 5 }, (_, i) => `${practice}/${randomUUID()}/${i}`);
    const outside = `${randomUUID()}/${randomUUID()}/0`;
    const before = Date.now() - 60_000;
    for (const [i, key] of [...inside, outside].entries()) {
      await store.put(key, Readable.from([Buffer.alloc(i + 1)]));
    }
    const pagesBefore = paging?.requests() ?? 0;
    const listed = [];
    for await (const entry of store.list(`${practice}/`)) listed.push(entry);
    if (paging) {
      const pages = paging.requests() - pagesBefore;
      assert.equal(pages, Math.ceil(inside.length / paging.pageSize), 'one request per page');
    }
    assert.deepEqual(listed.map((e) => e.key).sort(), [...inside].sort());
    for (const entry of listed) {
      assert.equal(entry.bytes, inside.indexOf(entry.key) + 1);
      assert.ok(entry.modifiedAt.getTime() > before);
    }
    // A prefix may end inside a segment; the whole store lists everything.
    assert.deepEqual(await keysUnder(store, practice.slice(0, 8)), [...inside].sort());
    const all = await keysUnder(store, '');
    assert.ok([...inside, outside].every((key) => all.includes(key)));
    assert.deepEqual(await keysUnder(store, `${randomUUID()}/`), []);
  });

  test('keys and prefixes Hearth would never choose are refused before any I/O', async () => {
    const { store } = subject();
    const bad = ['', '../etc/passwd', '/abs', 'a//b', 'a/', 'ABC', 'a/../b', 'a\\b', 'é', 'a\0'];
    bad.push('.partial/x', 'a b', 'a'.repeat(101), Array.from({ length: 9 }, () => 'a').join('/'));
    const before = await keysUnder(store, '');
    for (const key of bad) {
      await assert.rejects(store.put(key, Readable.from([Buffer.from('x')])), BlobKeyError, key);
      await assert.rejects(store.get(key), BlobKeyError, key);
      await assert.rejects(store.stat(key), BlobKeyError, key);
      await assert.rejects(store.delete(key), BlobKeyError, key);
    }
    for (const prefix of ['..', '/', 'a//', 'A', '../']) {
      await assert.rejects(keysUnder(store, prefix), BlobKeyError, prefix);
    }
    assert.deepEqual(await keysUnder(store, ''), before, 'nothing was written');
  });

  for (const [bytes, maxBytes] of [
    [3 * MB, MB],
    [20 * MB, 12 * MB],
  ] as const) {
    test(`a ${bytes / MB} MB upload over a ${maxBytes / MB} MB limit leaves nothing`, async () => {
      const { store } = subject();
      const key = freshKey();
      const err = await store.put(key, randomSource(bytes).stream, { maxBytes }).catch((e) => e);
      assert.ok(err instanceof BlobTooLargeError);
      assert.equal(err.maxBytes, maxBytes);
      assert.equal(await store.stat(key), null);
      await assert.rejects(store.get(key), BlobNotFoundError);
      assert.deepEqual(await keysUnder(store, key.split('/')[0]!), []);
      // Exactly the limit is allowed.
      assert.deepEqual(await store.put(key, randomSource(MB).stream, { maxBytes: MB }), {
        bytes: MB,
      });
    });
  }

  for (const bytes of [MB, 20 * MB]) {
    test(`a source that fails after ${bytes / MB} MB leaves nothing at the key`, async () => {
      const { store } = subject();
      const key = freshKey();
      const dropped = new Error('client connection dropped');
      await assert.rejects(store.put(key, failingSource(bytes, dropped)), (e) => e === dropped);
      assert.equal(await store.stat(key), null);
      await assert.rejects(store.get(key), BlobNotFoundError);
      assert.deepEqual(await keysUnder(store, key.split('/')[0]!), []);
    });
  }
}
