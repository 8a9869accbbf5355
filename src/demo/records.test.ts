import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { seedDemo } from './seed.ts';
import { seedDemoRecords } from './records.ts';
import { sql } from 'kysely';
import { asSuperuser } from '../testing/superuser.ts';
import { listSealedColumns } from '../platform/db/sealed-columns.ts';

let t: TestApp;
let practiceId = '';

before(async () => {
  t = await testApp();
  practiceId = (await seedDemo(t.db)).practiceId;
  await seedDemoRecords(t.app, t.db, practiceId);
});
after(() => t.close());

const count = (
  table: 'clients' | 'notes' | 'appointments' | 'safety_plans' | 'documents' | 'client_diagnoses',
) =>
  t.db.withPractice(
    practiceId,
    async (tx) => (await tx.selectFrom(table).select('id').execute()).length,
  );

describe('the demo practice’s sample records', () => {
  test('clients with diagnoses, recurring sessions, notes, a safety plan and a document', async () => {
    assert.equal(await count('clients'), 6);
    assert.equal(await count('client_diagnoses'), 7);
    assert.equal(await count('appointments'), 6 * 8);
    assert.equal(await count('notes'), 4);
    assert.equal(await count('safety_plans'), 1);
    assert.equal(await count('documents'), 1);
    const statuses = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('notes').select('status').execute(),
    );
    assert.deepEqual(
      statuses.map((s) => s.status).sort(),
      ['draft', 'pending_cosign', 'pending_cosign', 'signed'],
      "the associate's signed notes wait for the supervisor",
    );
  });

  test('it was all done as the demo users, audited, on sessions that are ended', async () => {
    const open = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('sessions').select('id').where('revoked_at', 'is', null).execute(),
    );
    assert.deepEqual(open, []);
    const creates = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('audit_events').select('action').where('action', '=', 'note.sign').execute(),
    );
    assert.equal(creates.length, 3);
  });

  test('every column that holds sealed values is declared sealed, so rotation re-keys it', async () => {
    // Read as the superuser: every row of every table, whatever the policies say.
    const holding = await asSuperuser(t.database, async (db) => {
      const { rows: columns } = await sql<{ table: string; column: string }>`
        select table_name as table, column_name as column from information_schema.columns
         where table_schema = 'public' and data_type in ('text', 'character varying')
         order by 1, 2`.execute(db);
      const found: string[] = [];
      for (const { table, column } of columns) {
        const { rows } = await sql<{ sealed: boolean }>`
          select exists (select 1 from ${sql.table(table)}
                          where ${sql.ref(column)} like 'hf1.%') as sealed`.execute(db);
        if (rows[0]?.sealed) found.push(`${table}.${column}`);
      }
      return found;
    });
    const declared = new Set(
      (await t.db.withPractice(practiceId, (tx) => listSealedColumns(tx))).map(
        (c) => `${c.table}.${c.column}`,
      ),
    );
    for (const expected of ['notes.fields_sealed', 'safety_plans.contents_sealed']) {
      assert.ok(holding.includes(expected), `the sample records seal ${expected}`);
    }
    assert.deepEqual(
      holding.filter((c) => !declared.has(c)),
      [],
      'columns holding sealed values without the hearth:sealed comment',
    );
  });
});
