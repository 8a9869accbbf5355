import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestDatabase } from '../testing/database.ts';
import { loadBundledCodeSets } from './bundled-code-sets.ts';

let t: TestDatabase;
before(async () => (t = await testDatabase()));
after(() => t.close());

const owner = () => t.db.unsafeOwnerConnection();
const setRow = () =>
  owner()
    .selectFrom('icd10_code_sets')
    .select(['fiscal_year', 'source', 'imported_at', 'code_count'])
    .execute();
const codeCount = async () =>
  Number(
    (
      await owner()
        .selectFrom('icd10_codes')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the shipped code sets', () => {
  test('loading again changes nothing', async () => {
    const before = await setRow();
    assert.deepEqual(await loadBundledCodeSets(t.db), [
      { fiscalYear: 2026, outcome: 'current', codes: 98_186 },
    ]);
    assert.deepEqual(await setRow(), before);
  });

  test('a year the operator imported is never replaced by the shipped copy', async () => {
    await sql`update icd10_code_sets set source = 'order_file', source_sha256 = ${'0'.repeat(64)}`.execute(
      owner(),
    );
    assert.deepEqual(await loadBundledCodeSets(t.db), [
      { fiscalYear: 2026, outcome: 'kept_import', codes: 98_186 },
    ]);
    assert.equal((await setRow())[0]!.source, 'order_file');
  });

  test('two processes loading at once: one loads, the other finds it done', async () => {
    await owner()
      .transaction()
      .execute(async (tx) => {
        await sql`delete from icd10_codes`.execute(tx);
        await sql`delete from icd10_code_sets`.execute(tx);
      });
    const results = await Promise.all([loadBundledCodeSets(t.db), loadBundledCodeSets(t.db)]);
    assert.deepEqual(results.map((r) => r[0]!.outcome).sort(), ['current', 'loaded']);
    assert.equal(await codeCount(), 98_186);
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename = 'icd10_codes' order by 1`.execute(owner());
    assert.deepEqual(
      rows.map((r) => r.indexname),
      ['icd10_codes_pkey', 'icd10_codes_words'],
    );
  });
});
