// Every single-byte change to a small stored object, one position at a time.
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { IntegrityReason } from './errors.ts';
import { assertRefused, type Refusal } from './tamper-helpers.ts';
import { encryptBytes, testKeys } from './testing.ts';

const S = 32;
const STORED_SEGMENT = S + 16;
const HEADER = 52;

/** What the specification says each changed byte must produce (docs/document-format.md). */
function expectedFor(position: number, flipped: Buffer): Refusal {
  if (position >= HEADER) {
    const segment = Math.floor((position - HEADER) / STORED_SEGMENT);
    return { reason: 'segment_auth_failed', segment, releasedAtMost: segment * S };
  }
  const header = (reason: IntegrityReason, verifyReason: IntegrityReason = reason): Refusal => ({
    reason,
    verifyReason,
    releasedAtMost: 0,
  });
  if (position < 4) return header('bad_header');
  if (position < 6) return header('unsupported_version');
  if (position < 8) return header('bad_header');
  if (position < 12) {
    const size = flipped.readUInt32BE(8);
    if (size < 16 || size > 2 ** 24) return header('bad_header');
    // A valid but different size: the header digest changed, so segment 0 fails.
    return { ...header('segment_auth_failed', 'hmac_mismatch'), segment: 0 };
  }
  if (position < 28) return header('wrong_document');
  if (position < 44) return header('wrong_key');
  return { ...header('segment_auth_failed', 'hmac_mismatch'), segment: 0 };
}

describe('single-byte tampering', () => {
  test('every byte of a four-segment object: header, each body, each tag', async () => {
    const keys = testKeys();
    const plaintext = randomBytes(3 * S + 10);
    const { stored, summary } = await encryptBytes(keys, plaintext, { segmentSize: S });
    const original = { keys, plaintext, hmac: summary.hmac };
    for (let position = 0; position < stored.length; position++) {
      const flipped = Buffer.from(stored);
      flipped[position] = flipped[position]! ^ (1 << (position % 8));
      const expected = expectedFor(position, flipped);
      const chunking = { seed: position, max: 60 };
      await assertRefused(original, flipped, { ...expected, chunking }, `byte ${position}`);
    }
  });
});
