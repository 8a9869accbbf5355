// Structural tampering: cuts, additions, reordering, splices, and the wrong keys or HMAC.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { DocumentIntegrityError } from './errors.ts';
import { verifyStoredDocument } from './hmac.ts';
import { assertRefused, type Original } from './tamper-helpers.ts';
import { decryptBytes, encryptBytes, testKeys } from './testing.ts';

const S = 32;
const SEG = S + 16;
const H = 52;

/** Four segments, the final one short (10 bytes), and an object of exactly four full ones. */
let short: Original & { stored: Buffer };
let full: Original & { stored: Buffer };

async function make(n: number): Promise<Original & { stored: Buffer }> {
  const keys = testKeys();
  const plaintext = randomBytes(n);
  const { stored, summary } = await encryptBytes(keys, plaintext, { segmentSize: S });
  return { keys, plaintext, stored, hmac: summary.hmac };
}

const segment = (o: { stored: Buffer }, i: number) =>
  o.stored.subarray(H + i * SEG, H + (i + 1) * SEG);

before(async () => {
  short = await make(3 * S + 10);
  full = await make(4 * S);
});

describe('cuts', () => {
  test('at every segment boundary, inside the header and inside every segment', async () => {
    const cuts: Array<[number, 'truncated' | 'segment_auth_failed']> = [];
    for (const at of [0, 1, 4, 51]) cuts.push([at, 'truncated']);
    for (let k = 0; k < 4; k++) {
      const start = H + k * SEG;
      // A boundary cut leaves a non-final segment last: it verifies as such, so: truncated.
      cuts.push([start, 'truncated']);
      // Fewer than a tag's bytes into a segment cannot be a segment at all.
      cuts.push([start + 5, 'truncated']);
      // Deeper in, the piece looks like a short final segment whose tag fails.
      cuts.push([k === 3 ? start + 20 : start + 30, 'segment_auth_failed']);
    }
    for (const [at, reason] of cuts) {
      const k = Math.max(0, Math.floor((at - H) / SEG));
      // Without the data key only a cut before the first tag is provably a cut.
      const verifyReason = at < H + 16 ? 'truncated' : 'hmac_mismatch';
      await assertRefused(
        short,
        short.stored.subarray(0, at),
        { reason, verifyReason, releasedAtMost: k * S },
        `cut at ${at}`,
      );
    }
  });
});

describe('additions', () => {
  test('bytes after the final segment', async () => {
    const one = Buffer.concat([full.stored, Buffer.from([0])]);
    // A full final segment followed by anything is found exactly: trailing data.
    await assertRefused(
      full,
      one,
      { reason: 'trailing_data', segment: 3, releasedAtMost: 3 * S },
      'full + 1',
    );
    // After a short final segment the added bytes merge into it, and its tag fails.
    const added = Buffer.concat([short.stored, randomBytes(7)]);
    await assertRefused(
      short,
      added,
      { reason: 'segment_auth_failed', releasedAtMost: 3 * S },
      'short + 7',
    );
  });

  test('a whole extra segment of the same document', async () => {
    const fullPlus = Buffer.concat([full.stored, segment(full, 1)]);
    await assertRefused(full, fullPlus, { reason: 'trailing_data', releasedAtMost: 3 * S }, 'full');
    const shortPlus = Buffer.concat([short.stored, segment(short, 1)]);
    await assertRefused(
      short,
      shortPlus,
      { reason: 'segment_auth_failed', releasedAtMost: 3 * S },
      'short',
    );
  });
});

describe('reordering', () => {
  test('a middle segment dropped', async () => {
    const dropped = Buffer.concat([
      short.stored.subarray(0, H + SEG),
      short.stored.subarray(H + 2 * SEG),
    ]);
    await assertRefused(
      short,
      dropped,
      { reason: 'segment_auth_failed', segment: 1, releasedAtMost: S },
      'drop',
    );
  });

  test('two segments swapped', async () => {
    const header = short.stored.subarray(0, H);
    const rest = short.stored.subarray(H + 3 * SEG);
    const swapped = Buffer.concat([
      header,
      segment(short, 0),
      segment(short, 2),
      segment(short, 1),
      rest,
    ]);
    await assertRefused(
      short,
      swapped,
      { reason: 'segment_auth_failed', segment: 1, releasedAtMost: S },
      'swap',
    );
  });
});

describe('other documents', () => {
  test("another document's header spliced on, as is or edited to name this document", async () => {
    const other = await make(3 * S + 10);
    const spliced = Buffer.concat([other.stored.subarray(0, H), short.stored.subarray(H)]);
    await assertRefused(
      short,
      spliced,
      { reason: 'wrong_document', verifyReason: 'wrong_document', releasedAtMost: 0 },
      'as is',
    );
    // Its names rewritten to ours, only its nonce prefix differs: every tag now fails.
    const forged = Buffer.from(spliced);
    short.stored.copy(forged, 12, 12, 44);
    await assertRefused(
      short,
      forged,
      { reason: 'segment_auth_failed', segment: 0, releasedAtMost: 0 },
      'forged',
    );
  });

  test("another document's whole blob with this document's keys", async () => {
    const other = await make(3 * S + 10);
    await assertRefused(
      short,
      other.stored,
      { reason: 'wrong_document', verifyReason: 'wrong_document', releasedAtMost: 0 },
      'other blob',
    );
  });

  test('an earlier generation of this document, under its previous key record', async () => {
    const next = { ...testKeys(short.keys.documentId) };
    await assertRefused(
      short,
      short.stored,
      { keys: next, reason: 'wrong_key', verifyReason: 'wrong_key', releasedAtMost: 0 },
      'generation',
    );
  });
});

describe('wrong keys and HMAC', () => {
  test('the wrong data key: segment 0 fails, nothing is released', async () => {
    const keys = { ...short.keys, dataKey: randomBytes(32) };
    const { output, error } = await decryptBytes(keys, short.stored, short.hmac);
    assert.ok(error instanceof DocumentIntegrityError);
    assert.equal(error.reason, 'segment_auth_failed');
    assert.equal(error.segment, 0);
    assert.equal(output.length, 0);
    // Verification never uses the data key: to it the object is intact.
    const verdict = await verifyStoredDocument([short.stored], {
      ...short.keys,
      expectedHmac: short.hmac,
    });
    assert.equal(verdict.ok, true);
  });

  test('the wrong HMAC key: refused before the final segment is released', async () => {
    const keys = { ...short.keys, hmacKey: randomBytes(32) };
    await assertRefused(
      short,
      short.stored,
      { keys, reason: 'hmac_mismatch', releasedAtMost: 3 * S },
      'hmac key',
    );
  });

  test('a valid object with the wrong expected HMAC: the final segment is withheld', async () => {
    const expectedHmac = Buffer.from(short.hmac);
    expectedHmac[31] = expectedHmac[31]! ^ 1;
    await assertRefused(
      short,
      short.stored,
      { expectedHmac, reason: 'hmac_mismatch', releasedAtMost: 3 * S },
      'expected',
    );
  });

  test('verified segments stream out before a later one fails', async () => {
    const big = await make(20 * S + 3);
    const broken = Buffer.from(big.stored);
    broken[H + 12 * SEG + 3] = broken[H + 12 * SEG + 3]! ^ 0x40;
    const { output, error } = await decryptBytes(big.keys, broken, big.hmac, { size: SEG });
    assert.ok(error);
    assert.ok(output.equals(big.plaintext.subarray(0, 12 * S)), 'segments 0–11, nothing of 12');
  });
});
