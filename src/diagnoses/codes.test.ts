import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { fiscalYearOf, todayUtc } from './code-format.ts';
import { importOrderFile } from './import-order-file.ts';
import { bundledSlice, orderFileText } from './order-file-fixture.ts';

let t: TestApp;
let p: StaffedPractice;
const dir = mkdtempSync(join(tmpdir(), 'hearth-codes-'));

interface Item {
  code: string;
  billable: boolean;
  shortDescription: string;
  description: string;
}
interface Answer {
  items: Item[];
  codeSet: { fiscalYear: number; current: boolean; neededFiscalYear: number };
}

async function search(query: string, who = p.staff.associate) {
  const r = await callAs(t, who, 'GET', `/api/v1/icd10/codes?${query}`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json<Answer>();
}
const codes = async (query: string) => (await search(query)).items.map((i) => i.code);

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ICD-10-CM code search', () => {
  test('every test database starts with the shipped FY2026 set', async () => {
    const sets = await t.db
      .unsafeOwnerConnection()
      .selectFrom('icd10_code_sets')
      .select([
        'fiscal_year',
        'source',
        'code_count',
        'billable_count',
        'effective_from',
        'effective_to',
      ])
      .execute();
    assert.deepEqual(sets, [
      {
        fiscal_year: 2026,
        source: 'bundled',
        code_count: 98_186,
        billable_count: 74_719,
        effective_from: '2025-10-01',
        effective_to: '2026-09-30',
      },
    ]);
  });

  test('by code prefix, with or without the dot, any case; billable first', async () => {
    const f41 = await codes('q=f41');
    assert.deepEqual(f41, ['F41.0', 'F41.1', 'F41.3', 'F41.8', 'F41.9', 'F41']);
    assert.deepEqual((await codes('q=F41.1')).slice(0, 1), ['F41.1']);
    assert.deepEqual(await codes('q=F411'), ['F41.1']);
    assert.deepEqual(await codes('q=f41.'), f41);
    const item = (await search('q=F41.1')).items[0]!;
    assert.deepEqual(item, {
      code: 'F41.1',
      billable: true,
      shortDescription: 'Generalized anxiety disorder',
      description: 'Generalized anxiety disorder',
    });
  });

  test('codes whose second or third character is a letter (QA0…, I1A0)', async () => {
    const qa = await search('q=QA0&limit=50');
    assert.ok(qa.items.length > 5);
    assert.ok(qa.items.every((i) => i.code.startsWith('QA0')));
    assert.ok(qa.items.some((i) => i.code === 'QA0.0101' && i.billable));
    assert.deepEqual(await codes('q=i1a0'), ['I1A.0']);
  });

  test('by words: prefixes, any order of case and accents', async () => {
    assert.equal((await codes('q=generalized anx'))[0], 'F41.1');
    assert.equal((await codes('q=GÉNÉRALIZED%20ANX'))[0], 'F41.1');
    assert.equal((await codes('q=anx generalized'))[0], 'F41.1');
    const meniere = await search('q=m%C3%A9ni%C3%A8re');
    assert.ok(meniere.items.length > 0);
    assert.ok(meniere.items.every((i) => /meniere/i.test(i.description)));
    const ptsd = await codes('q=post-traumatic stress&billable=true');
    assert.ok(ptsd.includes('F43.10'));
  });

  test('billable=true leaves headers out; the limit is at most 50', async () => {
    const all = await search('q=phobic&limit=50');
    assert.ok(
      all.items.some((i) => !i.billable),
      'headers are browsable',
    );
    const billable = await search('q=phobic&limit=50&billable=true');
    assert.ok(billable.items.length > 0 && billable.items.every((i) => i.billable));
    // Billable first, even without the filter.
    const firstHeader = all.items.findIndex((i) => !i.billable);
    assert.ok(all.items.slice(firstHeader).every((i) => !i.billable));
    assert.equal((await search('q=disorder&limit=50')).items.length, 50);
    for (const bad of [
      'q=x&limit=51',
      'q=x&limit=0',
      'q=',
      'q=%20%3F!',
      'q=x&fiscalYear=1999',
      'nope=1',
    ]) {
      const r = await callAs(t, p.staff.associate, 'GET', `/api/v1/icd10/codes?${bad}`);
      assert.equal(r.statusCode, 400, bad);
    }
  });

  test('answers name the code set, and say when it is not the one in effect today', async () => {
    const { codeSet } = await search('q=F41');
    const needed = fiscalYearOf(todayUtc());
    assert.deepEqual(codeSet, {
      fiscalYear: 2026,
      effectiveFrom: '2025-10-01',
      effectiveTo: '2026-09-30',
      current: needed === 2026,
      neededFiscalYear: needed,
    });
    const r = await callAs(
      t,
      p.staff.associate,
      'GET',
      '/api/v1/icd10/codes?q=F41&fiscalYear=2019',
    );
    assert.equal(r.statusCode, 400);
    assert.equal(r.json<{ error: { code: string } }>().error.code, 'unknown_code_set');
  });

  test('one code, with or without the dot; unknown ones are a 404', async () => {
    const r = await callAs(t, p.staff.biller, 'GET', '/api/v1/icd10/codes/f32.a');
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      { ...r.json<Item>(), codeSet: undefined },
      {
        code: 'F32.A',
        billable: true,
        shortDescription: 'Depression, unspecified',
        description: 'Depression, unspecified',
        codeSet: undefined,
      },
    );
    assert.equal(
      (await callAs(t, p.staff.biller, 'GET', '/api/v1/icd10/codes/F41')).json<Item>().billable,
      false,
    );
    const unknown = await callAs(t, p.staff.biller, 'GET', '/api/v1/icd10/codes/F41.7');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'unknown_code');
    assert.equal(
      (await callAs(t, p.staff.biller, 'GET', '/api/v1/icd10/codes/F4.11')).statusCode,
      400,
    );
  });

  test('the front desk gets 403 (no diagnosis access), audited', async () => {
    for (const path of ['/api/v1/icd10/codes?q=F41', '/api/v1/icd10/codes/F41.1']) {
      assert.equal((await callAs(t, p.staff.front_desk, 'GET', path)).statusCode, 403);
    }
    const denied = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'auth.access.denied')
        .where('actor_user_id', '=', p.staff.front_desk.userId)
        .execute(),
    );
    assert.deepEqual(
      denied.map((d) => d.detail.permission),
      ['read:diagnosis:any', 'read:diagnosis:any'],
    );
  });

  test('the app role may read the code tables but never write them', async () => {
    for (const statement of [
      sql`delete from icd10_codes where code = 'F411'`,
      sql`update icd10_code_sets set source = 'bundled'`,
      sql`insert into icd10_codes values (2026, 'F4199', true, 'x', 'x')`,
    ]) {
      await assert.rejects(
        t.db.withPractice(p.practiceId, (tx) => statement.execute(tx)),
        (err: { code?: string }) => err.code === '42501',
      );
    }
  });

  test("once this fiscal year's set is imported, it is the one in effect", async () => {
    const year = fiscalYearOf(todayUtc());
    const path = join(dir, `icd10cm-order-${year}.txt`);
    writeFileSync(path, orderFileText(bundledSlice('F41', 'F43')));
    await importOrderFile(t.db, { path });
    const answer = await search('q=F41');
    assert.equal(answer.codeSet.fiscalYear, year);
    assert.equal(answer.codeSet.current, true);
    assert.deepEqual(await codes('q=M54.50'), [], 'the imported slice holds no back-pain codes');
    assert.deepEqual(await codes('q=M54.50&fiscalYear=2026'), ['M54.50']);
  });
});
