import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { DEFAULT_SEGMENT_SIZE, HEADER_BYTES, TAG_BYTES } from './format.ts';
import { decryptBytes, encryptBytes, testKeys, type Chunking } from './testing.ts';

/** Encrypts and decrypts, checking sizes, the summary's HMAC and the plaintext. */
async function roundTrip(
  n: number,
  options: { segmentSize?: number; input?: Chunking; output?: Chunking } = {},
): Promise<void> {
  const keys = testKeys();
  const size = options.segmentSize ?? DEFAULT_SEGMENT_SIZE;
  const plaintext = randomBytes(n);
  const { stored, summary } = await encryptBytes(keys, plaintext, {
    segmentSize: options.segmentSize,
    chunking: options.input,
  });
  const segments = Math.max(1, Math.ceil(n / size));
  assert.equal(stored.length, HEADER_BYTES + segments * TAG_BYTES + n, `${n} bytes stored size`);
  assert.deepEqual(
    { ...summary, hmac: summary.hmac.toString('hex') },
    {
      hmac: createHmac('sha256', keys.hmacKey).update(stored).digest('hex'),
      storedBytes: stored.length,
      plaintextBytes: n,
    },
  );
  const { output, error } = await decryptBytes(keys, stored, summary.hmac, options.output);
  assert.equal(error, undefined, `${n} bytes decrypt`);
  assert.ok(output.equals(plaintext), `${n} bytes round trip`);
}

describe('document encryption round trips', () => {
  test('edge sizes around the default segment size', async () => {
    const s = DEFAULT_SEGMENT_SIZE;
    for (const n of [0, 1, s - 1, s, s + 1, 3 * s, 3 * s + 5]) await roundTrip(n);
  });

  test('edge sizes with a small non-default segment size, byte-at-a-time writes', async () => {
    const s = 100;
    for (const n of [0, 1, s - 1, s, s + 1, 5 * s, 5 * s + 99]) {
      await roundTrip(n, { segmentSize: s, input: { size: 1 }, output: { size: 1 } });
    }
  });

  test('a few MB with random chunking on both sides', async () => {
    const mb = 5 * 2 ** 20 + 12_345;
    await roundTrip(mb, { input: { seed: 1, max: 200_000 }, output: { seed: 2, max: 300_000 } });
    await roundTrip(mb, {
      segmentSize: 65_536,
      input: { seed: 3, max: 70_000 },
      output: { seed: 4, max: 1_000 },
    });
  });

  test('10 MB in one write on both sides', async () => {
    const n = 10 * 2 ** 20;
    await roundTrip(n, { input: { size: n }, output: { size: 2 * n } });
  });

  test('a document of exactly k segments has k segments: the final one is full, none is empty', async () => {
    const keys = testKeys();
    const { stored } = await encryptBytes(keys, randomBytes(4 * 64), { segmentSize: 64 });
    assert.equal(stored.length, HEADER_BYTES + 4 * (64 + TAG_BYTES));
    const empty = await encryptBytes(keys, Buffer.alloc(0));
    assert.equal(empty.stored.length, HEADER_BYTES + TAG_BYTES, 'one empty final segment');
  });
});
