import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { testKeyring } from '../../testing/keys.ts';
import { LocalKeyring } from '../keys/local-keyring.ts';
import { KeyError } from '../keys/provider.ts';
import { FieldCipher, type Sealed } from './field.ts';

let t: TestDatabase;
const a = randomUUID();
const b = randomUUID();
const { keyring, dir, master } = testKeyring();
const fields = new FieldCipher(keyring);
const ref = { table: 'users', column: 'totp_secret', rowId: 'row-1' };

before(async () => {
  t = await testDatabase();
  for (const id of [a, b]) {
    await t.db.withPractice(id, (tx) =>
      tx.insertInto('practices').values({ id, name: 'P' }).execute(),
    );
  }
});
after(() => t.close());

describe('field encryption', () => {
  test('round trip, with no plaintext in the sealed value and a fresh nonce each time', async () => {
    const secret = 'JBSWY3DPEHPK3PXP-secret-phrase';
    const [one, two] = await t.db.withPractice(a, async (tx) => [
      await fields.seal(tx, ref, secret),
      await fields.seal(tx, ref, secret),
    ]);
    assert.ok(one && two);
    assert.match(one, /^hf1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
    assert.ok(!one.includes(secret));
    assert.notEqual(one, two);
    assert.equal(await t.db.withPractice(a, (tx) => fields.open(tx, ref, one)), secret);
  });

  test('a value copied to another row, column or practice does not open', async () => {
    const sealed = await t.db.withPractice(a, (tx) => fields.seal(tx, ref, 'x'));
    await assert.rejects(
      t.db.withPractice(a, (tx) => fields.open(tx, { ...ref, rowId: 'row-2' }, sealed)),
      KeyError,
    );
    await assert.rejects(
      t.db.withPractice(a, (tx) => fields.open(tx, { ...ref, column: 'name' }, sealed)),
      KeyError,
    );
    // Practice B cannot even see practice A's data key; a fresh cipher has nothing cached.
    const fresh = new FieldCipher(keyring);
    await assert.rejects(
      t.db.withPractice(b, (tx) => fresh.open(tx, ref, sealed)),
      /not available to this practice/,
    );
  });

  test('an altered ciphertext is refused, never decrypted to garbage', async () => {
    const sealed = await t.db.withPractice(a, (tx) => fields.seal(tx, ref, 'hello'));
    const body = sealed.split('.')[2]!;
    const flipped = `${body.slice(0, 20)}${body[20] === 'A' ? 'B' : 'A'}${body.slice(21)}`;
    const altered = sealed.replace(body, flipped) as Sealed;
    await assert.rejects(
      t.db.withPractice(a, (tx) => fields.open(tx, ref, altered)),
      KeyError,
    );
  });

  test('data keys are stored only wrapped; the wrong master key cannot open the keyring', async () => {
    const sealed = await t.db.withPractice(a, (tx) => fields.seal(tx, ref, 'wrapped'));
    const stored = await t.db.withPractice(a, (tx) =>
      tx.selectFrom('practice_keys').select(['kek_version', 'wrapped']).execute(),
    );
    assert.equal(stored.length, 1, 'one active data key per practice');
    assert.equal(Buffer.from(stored[0]!.wrapped).length, 12 + 16 + 32);
    const wrongMaster = Buffer.from(master);
    wrongMaster[0] = wrongMaster[0]! ^ 0xff;
    const impostor = new FieldCipher(new LocalKeyring(dir, wrongMaster));
    await assert.rejects(
      t.db.withPractice(a, (tx) => impostor.open(tx, ref, sealed)),
      KeyError,
    );
  });

  test('a new KEK version wraps new keys while old versions still unwrap', async () => {
    const before = await keyring.currentVersion('data');
    const next = await keyring.rotate('data');
    assert.equal(next, before + 1);
    const key = Buffer.alloc(32, 7);
    const old = await keyring.wrap('data', key, 'ctx');
    assert.equal(old.kekVersion, next);
    assert.deepEqual(await keyring.unwrap('data', old, 'ctx'), key);
    await assert.rejects(keyring.unwrap('data', old, 'other-ctx'), KeyError);
    await assert.rejects(
      keyring.unwrap('integrity', { kekVersion: 99, wrapped: old.wrapped }, 'ctx'),
      /missing from the keyring/,
    );
  });
});
