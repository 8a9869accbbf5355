import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { testKeyring } from '../../testing/keys.ts';
import { tenantTableDdl, sealedColumnDdl } from '../db/tenant-ddl.ts';
import { FieldCipher, type Sealed } from './field.ts';
import { rekeyPracticeFields } from './field-rekey.ts';

let t: TestDatabase;
const practiceId = randomUUID();
const { keyring } = testKeyring();
const fields = new FieldCipher(keyring);
const secretOf = (i: number) => `totp-secret-number-${i}`;
const userIds: string[] = [];

/** Each user's sealed TOTP secret as stored, with the key id it is sealed under. */
async function stored() {
  const rows = await t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('users')
      .select(['id', 'totp_secret'])
      .where('totp_secret', 'is not', null)
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    value: r.totp_secret!,
    keyId: r.totp_secret!.split('.')[1],
  }));
}
const open = (id: string, value: Sealed, table = 'users', column = 'totp_secret') =>
  t.db.withPractice(practiceId, (tx) => fields.open(tx, { table, column, rowId: id }, value));
const keys = () =>
  t.db.unscopedAcrossPractices({ job: 'test', reason: 'inspect keys' }, (tx) =>
    tx
      .selectFrom('practice_keys')
      .select(['id', 'retired_at', 'kek_version'])
      .where('practice_id', '=', practiceId)
      .execute(),
  );

before(async () => {
  t = await testDatabase();
  const owner = t.db.unsafeOwnerConnection();
  // A write-once table of the kind safety plans are: its values move through hearth_reseal_immutable.
  await sql
    .raw(
      `create table rekey_write_once (id uuid primary key, practice_id uuid not null references practices (id), secret text)`,
    )
    .execute(owner);
  for (const statement of [
    ...tenantTableDdl('rekey_write_once', { app: 'select, insert' }),
    ...sealedColumnDdl('rekey_write_once', 'secret', { immutable: true }),
  ])
    await sql.raw(statement).execute(owner);
  await t.db.withPractice(practiceId, async (tx) => {
    await tx.insertInto('practices').values({ id: practiceId, name: 'Rekey' }).execute();
    for (let i = 0; i < 450; i++) {
      const { id } = await tx
        .insertInto('users')
        .values({
          email: `u${i}@example.test`,
          name: `U ${i}`,
          role: 'associate',
          password_hash: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.push(id);
      const sealed = await fields.seal(
        tx,
        { table: 'users', column: 'totp_secret', rowId: id },
        secretOf(i),
      );
      await tx.updateTable('users').set({ totp_secret: sealed }).where('id', '=', id).execute();
    }
    const sealed = await fields.seal(
      tx,
      { table: 'rekey_write_once', column: 'secret', rowId: practiceId },
      'kept as written',
    );
    await sql`insert into rekey_write_once (id, practice_id, secret) values (${practiceId}, ${practiceId}, ${sealed})`.execute(
      tx,
    );
  });
});
after(() => t.close());

describe('re-keying sealed fields', () => {
  test('a crash halfway resumes; every value ends under a fresh key and still opens to the same text', async () => {
    const original = await stored();
    const [oldKey] = new Set(original.map((r) => r.keyId));
    assert.equal(new Set(original.map((r) => r.keyId)).size, 1);
    await keyring.rotate('data');
    const startedBefore = new Date();
    await assert.rejects(
      rekeyPracticeFields(t.db, fields, keyring, practiceId, {
        startedBefore,
        onProgress: (n) => {
          // After the first batch of secrets (the write-once value may come first: n = 1).
          if (n > 1) throw new Error('simulated crash');
        },
      }),
      /simulated crash/,
    );
    const halfway = await stored();
    const moved = halfway.filter((r) => r.keyId !== oldKey).length;
    assert.ok(moved > 0 && moved < 450, `part of the values moved (${moved})`);

    const result = await rekeyPracticeFields(t.db, fields, keyring, practiceId, { startedBefore });
    const after = await stored();
    assert.equal(new Set(after.map((r) => r.keyId)).size, 1);
    assert.notEqual(after[0]!.keyId, oldKey);
    assert.equal(result.reencrypted, 450 - moved);
    for (const row of after) {
      assert.equal(await open(row.id, row.value), secretOf(userIds.indexOf(row.id)));
    }
    // The write-once value moved too, so nothing needs the old key: it is destroyed.
    assert.equal(result.keysKept, 0);
    assert.equal(result.keysDestroyed, 1);
    const now = await keys();
    assert.deepEqual(
      now.map((k) => [k.id === oldKey, k.retired_at !== null, k.kek_version]),
      [[false, false, 2]],
    );
    const written = await t.db.withPractice(practiceId, (tx) =>
      sql<{ secret: Sealed }>`select secret from rekey_write_once`.execute(tx),
    );
    assert.equal(written.rows[0]!.secret.split('.')[1], after[0]!.keyId);
    assert.equal(
      await open(practiceId, written.rows[0]!.secret, 'rekey_write_once', 'secret'),
      'kept as written',
    );
  });

  test('a key no value uses any more is destroyed; an altered value is counted, not decrypted', async () => {
    const victim = userIds[7]!;
    await t.db.withPractice(practiceId, (tx) =>
      sql`update users set totp_secret = overlay(totp_secret placing 'AAAA' from 50 for 4) where id = ${victim}`.execute(
        tx,
      ),
    );
    const result = await rekeyPracticeFields(t.db, fields, keyring, practiceId, {
      startedBefore: new Date(),
    });
    assert.equal(result.reencrypted, 450, '449 secrets and the write-once value');
    assert.equal(result.unreadable, 1);
    // This run's retired key is still named by the altered value, so it is kept.
    assert.equal(result.keysDestroyed, 0);
    assert.equal(result.keysKept, 1);
  });
});
