import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { importOrderFile } from './import-order-file.ts';
import { OrderFileError } from './order-file.ts';
import { orderFileText, releaseA, releaseB, RELEASE_B_DIFF } from './order-file-fixture.ts';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
const dir = mkdtempSync(join(tmpdir(), 'hearth-import-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const owner = () => t.db.unsafeOwnerConnection();
const sets = () =>
  owner()
    .selectFrom('icd10_code_sets')
    .select(['fiscal_year', 'source', 'source_sha256', 'code_count', 'billable_count'])
    .orderBy('fiscal_year')
    .execute();
const codesOf = async (year: number) =>
  (
    await owner()
      .selectFrom('icd10_codes')
      .select(['code', 'billable', 'long_description'])
      .where('fiscal_year', '=', year)
      .orderBy('code')
      .execute()
  ).map((c) => `${c.code}:${c.billable ? 1 : 0}:${c.long_description}`);
const loadedEvents = (practiceId: string) =>
  t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['actor_type', 'actor_label', 'subject_id', 'detail'])
      .where('action', '=', 'diagnosis.code_set.loaded')
      .orderBy('occurred_at')
      .execute(),
  );

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t);
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing an official order file', () => {
  test('a first release loads in full, with counts, and is noted in every practice trail', async () => {
    const progress: number[] = [];
    const result = await importOrderFile(t.db, {
      path: file('icd10cm-order-2030.txt', orderFileText(releaseA())),
      onProgress: (done) => progress.push(done),
    });
    assert.equal(result.outcome, 'loaded');
    assert.deepEqual(
      [result.fiscalYear, result.effectiveFrom, result.effectiveTo],
      [2030, '2029-10-01', '2030-09-30'],
    );
    assert.deepEqual([result.codes, result.billable], [76, 55]);
    assert.equal(result.diff?.from, 2026, 'compared with the shipped FY2026 set');
    assert.equal(result.diff?.deleted.length, 98_186 - 76);
    assert.deepEqual(progress.at(-1), 76);
    assert.deepEqual((await sets()).at(-1), {
      fiscal_year: 2030,
      source: 'order_file',
      source_sha256: result.sha256,
      code_count: 76,
      billable_count: 55,
    });
    for (const practice of [p, other]) {
      assert.deepEqual(await loadedEvents(practice.practiceId), [
        {
          actor_type: 'system',
          actor_label: 'icd10-code-set',
          subject_id: '2030',
          detail: { fiscalYear: 2030, source: 'order_file', sha256: result.sha256 },
        },
      ]);
    }
  });

  test('the next release reports what changed: added, deleted, billable↔header, retitled', async () => {
    const result = await importOrderFile(t.db, {
      path: file('icd10cm_order_2031.txt', orderFileText(releaseB())),
      effectiveFrom: '2030-10-15',
    });
    assert.equal(result.outcome, 'loaded');
    assert.equal(result.effectiveFrom, '2030-10-15');
    assert.deepEqual(result.diff, { from: 2030, to: 2031, ...RELEASE_B_DIFF });
  });

  test('the same file again changes nothing', async () => {
    const before = await owner()
      .selectFrom('icd10_code_sets')
      .select(['fiscal_year', 'imported_at'])
      .execute();
    const result = await importOrderFile(t.db, { path: join(dir, 'icd10cm_order_2031.txt') });
    assert.equal(result.outcome, 'unchanged');
    assert.deepEqual(result.diff, { from: 2030, to: 2031, ...RELEASE_B_DIFF });
    assert.deepEqual(
      await owner().selectFrom('icd10_code_sets').select(['fiscal_year', 'imported_at']).execute(),
      before,
    );
    assert.equal((await loadedEvents(p.practiceId)).length, 2);
  });

  test('a malformed file is refused with its line number, and nothing is written', async () => {
    const before = await sets();
    const broken = orderFileText(releaseA()).replace(/^(00003 F4000 {3})1/m, '$1X');
    await assert.rejects(
      importOrderFile(t.db, { path: file('icd10cm-order-2032.txt', broken) }),
      (err: Error) => err instanceof OrderFileError && /^line 3: column 15/.test(err.message),
    );
    assert.deepEqual(await sets(), before);
    assert.deepEqual(await codesOf(2032), []);
  });

  test('the fiscal year must be known, and agree with the file name', async () => {
    const text = orderFileText(releaseA());
    for (const [options, message] of [
      [{ path: file('codes.txt', text) }, /give --fiscal-year/],
      [{ path: join(dir, 'icd10cm-order-2030.txt'), fiscalYear: 2029 }, /file name says FY2030/],
      [
        { path: join(dir, 'icd10cm-order-2030.txt'), effectiveFrom: '2031-01-01' },
        /after the end of FY2030/,
      ],
    ] as const) {
      await assert.rejects(importOrderFile(t.db, options), message);
    }
  });

  test('another file for a loaded year replaces it; a code a diagnosis names cannot be dropped', async () => {
    const corrected = releaseB().map((e) =>
      e.code === 'F4010' ? { ...e, longDescription: 'Social phobia, unspecified (corrected)' } : e,
    );
    const replaced = await importOrderFile(t.db, {
      path: file('fix-icd10cm-order-2031.txt', orderFileText(corrected)),
      fiscalYear: 2031,
    });
    assert.equal(replaced.outcome, 'replaced');
    assert.ok((await codesOf(2031)).includes('F4010:1:Social phobia, unspecified (corrected)'));

    // A diagnosis chosen from FY2031 names F43.10; a file without it must not remove it.
    const client = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
      firstName: 'Ada',
      lastName: 'Quist',
      dateOfBirth: '1970-01-01',
    });
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .insertInto('client_diagnoses')
        .values({
          client_id: client.json<{ id: string }>().id,
          fiscal_year: 2031,
          code: 'F4310',
          rank: 1,
          added_by: p.staff.admin.userId,
        })
        .execute(),
    );
    const before = [await sets(), await codesOf(2031)];
    await assert.rejects(
      importOrderFile(t.db, {
        path: file(
          'icd10cm-order-2031-b.txt',
          orderFileText(corrected.filter((e) => e.code !== 'F4310')),
        ),
        fiscalYear: 2031,
      }),
      (err: Error) => err instanceof OrderFileError && /drops F4310 .*still name/.test(err.message),
    );
    assert.deepEqual([await sets(), await codesOf(2031)], before);
  });
});
