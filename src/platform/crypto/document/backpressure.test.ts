// Constant memory: with a reader that has stopped reading, the streams stop taking input after
// a few segments, however much input there is.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { createDecryptStream } from './decrypt.ts';
import { createEncryptStream } from './encrypt.ts';
import { DEFAULT_SEGMENT_SIZE } from './format.ts';
import { testKeys } from './testing.ts';

const CHUNK = randomBytes(65_536);
/** Several segments and the streams' own buffers: far below the endless input. */
const BOUND = 8 * DEFAULT_SEGMENT_SIZE;

/** An endless plaintext source, one chunk per read, counting what was taken from it. */
function endless(): { source: Readable; taken: () => number } {
  let taken = 0;
  const source = new Readable({
    highWaterMark: 1,
    read() {
      taken += CHUNK.length;
      this.push(CHUNK);
    },
  });
  return { source, taken: () => taken };
}

async function settle(taken: () => number): Promise<number> {
  let before = -1;
  while (before !== taken()) {
    before = taken();
    await sleep(20);
  }
  return taken();
}

describe('document streams under backpressure', () => {
  test('encryption stops pulling plaintext when nobody reads its output', async () => {
    const { source, taken } = endless();
    const encrypt = createEncryptStream(testKeys());
    source.pipe(encrypt);
    const pulled = await settle(taken);
    assert.ok(pulled > 0 && pulled < BOUND, `pulled ${pulled} bytes`);
    source.destroy();
    encrypt.destroy();
  });

  test('decryption stops pulling stored bytes when nobody reads its output', async () => {
    const keys = testKeys();
    const { source, taken } = endless();
    const encrypt = createEncryptStream(keys);
    // The expected HMAC is never reached: the object never ends.
    const decrypt = createDecryptStream(keys, Buffer.alloc(32));
    source.pipe(encrypt).pipe(decrypt);
    const pulled = await settle(taken);
    assert.ok(pulled > DEFAULT_SEGMENT_SIZE, 'decryption released verified segments');
    assert.ok(pulled < 2 * BOUND, `pulled ${pulled} bytes`);
    assert.ok(decrypt.readableLength > 0, 'plaintext is waiting for its reader');
    source.destroy();
    encrypt.destroy();
    decrypt.destroy();
  });
});
