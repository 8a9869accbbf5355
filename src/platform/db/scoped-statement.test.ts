import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';

let t: TestDatabase;
const [a, b] = [randomUUID(), randomUUID()];

before(async () => {
  t = await testDatabase();
  for (const id of [a, b]) {
    await t.db.withPractice(id, (tx) =>
      tx
        .insertInto('practices')
        .values({ id, name: `Scoped ${id}` })
        .execute(),
    );
  }
});
after(() => t.close());

describe('one statement in a practice’s scope, in one round trip', () => {
  test('it runs as the app role under the practice’s row-level security', async () => {
    const rows = await t.db.scopedStatement<{ id: string; role: string }>(
      a,
      `select id, current_user as role from practices where name like 'Scoped %'`,
    );
    assert.deepEqual(rows, [{ id: a, role: 'hearth_app' }]);
  });

  test('a failing statement is rolled back and the connection serves the next one', async () => {
    await assert.rejects(t.db.scopedStatement(a, `select 1/0`));
    await assert.rejects(
      t.db.scopedStatement(a, `insert into practices (id, name) values ('${b}', 'x')`),
      'writing another practice’s row is refused',
    );
    const rows = await t.db.scopedStatement<{ n: number }>(b, `select 1 as n`);
    assert.deepEqual(rows, [{ n: 1 }]);
    const role = await t.db.withPractice(b, async (tx) =>
      (await tx.selectFrom('practices').select('id').execute()).map((r) => r.id),
    );
    assert.deepEqual(role, [b], 'no scope survives into the next transaction');
  });

  test('something that is not a practice id is refused before anything is sent', async () => {
    await assert.rejects(
      t.db.scopedStatement(`x'; drop table practices; --`, 'select 1'),
      TypeError,
    );
  });
});
