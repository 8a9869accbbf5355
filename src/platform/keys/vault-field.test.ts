import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { FieldCipher, type Sealed } from '../crypto/field.ts';
import { KeyError } from './provider.ts';
import { startFakeVault, type FakeVault } from './testing/fake-vault.ts';
import { VaultTransitProvider } from './vault-transit.ts';

// The field-encryption scenario of crypto/field.test.ts, with the KEKs in Vault.
const TOKEN = 'hvs.field-test-token';
let t: TestDatabase;
let vault: FakeVault;
let keys: VaultTransitProvider;
let fields: FieldCipher;
const a = randomUUID();
const b = randomUUID();
const ref = { table: 'users', column: 'totp_secret', rowId: 'row-1' };
const provider = (token = TOKEN) =>
  new VaultTransitProvider({ addr: vault.url, token, mount: 'transit', keyPrefix: 'hearth' });

before(async () => {
  vault = await startFakeVault({ token: TOKEN });
  keys = provider();
  await keys.check();
  fields = new FieldCipher(keys);
  t = await testDatabase();
  for (const id of [a, b]) {
    await t.db.withPractice(id, (tx) =>
      tx.insertInto('practices').values({ id, name: 'P' }).execute(),
    );
  }
});
after(async () => {
  await t.close();
  keys.close();
  await vault.close();
});

describe('field encryption over Vault Transit', () => {
  test('seal and open; the practice data key is stored as a Vault ciphertext', async () => {
    const secret = 'JBSWY3DPEHPK3PXP-secret-phrase';
    const sealed = await t.db.withPractice(a, (tx) => fields.seal(tx, ref, secret));
    assert.ok(!sealed.includes(secret));
    assert.equal(await t.db.withPractice(a, (tx) => fields.open(tx, ref, sealed)), secret);
    const stored = await t.db.withPractice(a, (tx) =>
      tx.selectFrom('practice_keys').select(['kek_version', 'wrapped']).execute(),
    );
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.kek_version, 1);
    assert.match(Buffer.from(stored[0]!.wrapped).toString('utf8'), /^vault:v1:/);
    // A fresh cipher (nothing cached) unwraps the data key through Vault.
    const fresh = new FieldCipher(keys);
    assert.equal(await t.db.withPractice(a, (tx) => fresh.open(tx, ref, sealed)), secret);
  });

  test('a value copied to another row or practice does not open', async () => {
    const sealed = await t.db.withPractice(a, (tx) => fields.seal(tx, ref, 'x'));
    await assert.rejects(
      t.db.withPractice(a, (tx) => fields.open(tx, { ...ref, rowId: 'row-2' }, sealed)),
      KeyError,
    );
    await assert.rejects(
      t.db.withPractice(b, (tx) => new FieldCipher(keys).open(tx, ref, sealed)),
      /not available to this practice/,
    );
  });

  test("a practice's wrapped data key copied to another practice does not unwrap", async () => {
    // The key id and practice id are the associated data: Vault refuses the moved key.
    const [row] = await t.db.withPractice(a, (tx) =>
      tx.selectFrom('practice_keys').select(['id', 'kek_version', 'wrapped']).execute(),
    );
    assert.ok(row);
    const moved = { kekVersion: row.kek_version, wrapped: Buffer.from(row.wrapped) };
    await assert.rejects(keys.unwrap('data', moved, `practice-key:${b}:${row.id}`), /HTTP 400/);
  });

  test('an altered ciphertext is refused', async () => {
    const sealed = await t.db.withPractice(a, (tx) => fields.seal(tx, ref, 'hello'));
    const body = sealed.split('.')[2]!;
    const flipped = `${body.slice(0, 20)}${body[20] === 'A' ? 'B' : 'A'}${body.slice(21)}`;
    await assert.rejects(
      t.db.withPractice(a, (tx) => fields.open(tx, ref, sealed.replace(body, flipped) as Sealed)),
      KeyError,
    );
  });

  test('after a Vault rotation old fields open and new practice keys use the new version', async () => {
    const old = await t.db.withPractice(a, (tx) => fields.seal(tx, ref, 'before rotation'));
    assert.equal(await keys.rotate('data'), 2);
    const fresh = new FieldCipher(keys);
    assert.equal(await t.db.withPractice(a, (tx) => fresh.open(tx, ref, old)), 'before rotation');
    const sealed = await t.db.withPractice(b, (tx) => fresh.seal(tx, ref, 'after rotation'));
    const [row] = await t.db.withPractice(b, (tx) =>
      tx.selectFrom('practice_keys').select(['kek_version']).execute(),
    );
    assert.equal(row?.kek_version, 2);
    assert.equal(await t.db.withPractice(b, (tx) => fresh.open(tx, ref, sealed)), 'after rotation');
  });

  test('with a revoked token nothing opens: no key is cached by the provider', async () => {
    const sealed = await t.db.withPractice(a, (tx) => fields.seal(tx, ref, 'locked'));
    const revoked = provider('hvs.revoked');
    await assert.rejects(
      t.db.withPractice(a, (tx) => new FieldCipher(revoked).open(tx, ref, sealed)),
      /refused the token/,
    );
    revoked.close();
  });
});
