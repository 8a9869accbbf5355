import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { FsBlobStore } from './fs-store.ts';
import { BlobNotFoundError } from './store.ts';

test('a writer killed mid-put leaves no blob, only a partial file that sweepPartials removes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-crash-'));
  const key = `${randomUUID()}/${randomUUID()}/${randomUUID()}`;
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'testing', 'crash-put.ts'), dir, key],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  await once(createInterface({ input: child.stdout }), 'line');
  const partials = join(dir, '.partial');
  // Kill only once bytes have reached the partial file: the put is really half-way.
  while (!readdirSync(partials).some((f) => statSync(join(partials, f)).size > 0)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  const [, signal] = (await exited) as [number | null, string | null];
  assert.equal(signal, 'SIGKILL');

  const store = new FsBlobStore(dir);
  await assert.rejects(store.get(key), BlobNotFoundError);
  assert.equal(await store.stat(key), null);
  const listed = [];
  for await (const entry of store.list('')) listed.push(entry.key);
  assert.deepEqual(listed, []);
  const left = readdirSync(partials);
  assert.equal(left.length, 1);
  assert.ok(statSync(join(partials, left[0]!)).size > 0);

  const HOUR = 60 * 60_000;
  assert.deepEqual(await store.sweepPartials(HOUR), { removed: 0 }, 'too fresh to sweep');
  // An hour and more later, the worker's sweep removes it.
  const later = new Date(Date.now() - 2 * HOUR);
  utimesSync(join(partials, left[0]!), later, later);
  assert.deepEqual(await store.sweepPartials(HOUR), { removed: 1 });
  assert.deepEqual(readdirSync(partials), []);
});
