import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import { describe, test } from 'node:test';
import { DUMMY_HASH_PROMISE, hashPassword, SCRYPT, verifyPassword } from './passwords.ts';
import { normalizePassword } from './password-text.ts';

const PASSWORD = 'violet lantern orbit marmalade 92';

/** A hash in Hearth's format made with chosen (weaker) parameters, as an older release would. */
function legacyHash(password: string, log2N: number, r = 8, p = 1): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, 32, {
    N: 2 ** log2N,
    r,
    p,
    maxmem: 256 * 2 ** 20,
  });
  return ['scrypt', log2N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

describe('password hashing (scrypt)', () => {
  test('round trip: the right password verifies, any other does not', async () => {
    const stored = await hashPassword(PASSWORD);
    // scrypt$log2N$r$p$salt$hash: 16 random bytes of salt and 32 of hash, both base64.
    assert.match(stored, /^scrypt\$17\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    assert.ok(!stored.includes(PASSWORD));
    assert.deepEqual(await verifyPassword(PASSWORD, stored), { ok: true, needsRehash: false });
    for (const wrong of [`${PASSWORD} `, PASSWORD.toUpperCase(), PASSWORD.slice(1), '']) {
      assert.deepEqual(await verifyPassword(wrong, stored), { ok: false, needsRehash: false });
    }
  });

  test('every hash has its own salt', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    assert.notEqual(a, b);
    assert.notEqual(a.split('$')[4], b.split('$')[4]);
  });

  test('a hash made with weaker parameters verifies and asks to be re-hashed', async () => {
    assert.equal(SCRYPT.log2N, 17);
    const stored = legacyHash(PASSWORD, 14);
    assert.ok(stored.startsWith('scrypt$14$8$1$'));
    assert.deepEqual(await verifyPassword(PASSWORD, stored), { ok: true, needsRehash: true });
    // A wrong guess learns nothing, and is no reason to write a new hash.
    assert.deepEqual(await verifyPassword('not the password', stored), {
      ok: false,
      needsRehash: false,
    });
    // A lower r is weaker too.
    const lowR = legacyHash(PASSWORD, 17, 4);
    assert.deepEqual(await verifyPassword(PASSWORD, lowR), { ok: true, needsRehash: true });
  });

  test('malformed stored hashes never verify', async () => {
    const good = await hashPassword(PASSWORD);
    const parts = good.split('$');
    for (const stored of [
      '',
      PASSWORD,
      `bcrypt$${parts.slice(1).join('$')}`,
      parts.slice(0, 5).join('$'),
      `${parts.slice(0, 5).join('$')}$`,
    ]) {
      assert.deepEqual(await verifyPassword(PASSWORD, stored), { ok: false, needsRehash: false });
    }
  });

  test('Unicode is normalised (NFKC): a variant typed another way verifies', async () => {
    const cases: [string, string][] = [
      // Fullwidth letters, as an East Asian keyboard may produce them.
      ['Ｖｉｏｌｅｔ ｌａｎｔｅｒｎ ｏｒｂｉｔ ９２', 'Violet lantern orbit 92'],
      // A decomposed é (e + combining acute) against the composed one.
      ['cafe\u0301 lantern orbit marmalade', 'caf\u00e9 lantern orbit marmalade'],
      // A ligature against its letters.
      ['\ufb01ne lantern orbit marmalade', 'fine lantern orbit marmalade'],
    ];
    for (const [variant, nfkc] of cases) {
      assert.equal(normalizePassword(variant), nfkc);
      const hashOfNfkc = await hashPassword(nfkc);
      assert.equal((await verifyPassword(variant, hashOfNfkc)).ok, true, variant);
      const hashOfVariant = await hashPassword(variant);
      assert.equal((await verifyPassword(nfkc, hashOfVariant)).ok, true, nfkc);
    }
  });

  test('long passwords are never truncated', async () => {
    const long = 'violet lantern orbit marmalade 92 '.repeat(4).slice(0, 127) + 'Z';
    assert.equal(long.length, 128);
    const stored = await hashPassword(long);
    assert.equal((await verifyPassword(long, stored)).ok, true);
    assert.equal((await verifyPassword(`${long.slice(0, 127)}Y`, stored)).ok, false);
    assert.equal((await verifyPassword(long.slice(0, 127), stored)).ok, false);
    assert.equal((await verifyPassword(long.slice(0, 72), stored)).ok, false);
    assert.equal((await verifyPassword(`${long}Z`, stored)).ok, false);
  });

  test('the dummy hash (for unknown emails) is a current-cost hash nothing ordinary matches', async () => {
    const dummy = await DUMMY_HASH_PROMISE;
    assert.ok(dummy.startsWith('scrypt$17$8$1$'));
    for (const guess of ['', 'password', PASSWORD]) {
      assert.equal((await verifyPassword(guess, dummy)).ok, false);
    }
  });
});
