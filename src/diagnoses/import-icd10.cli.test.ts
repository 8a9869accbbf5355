import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../platform/db/open.ts';
import { orderFileText, releaseA, releaseB } from './order-file-fixture.ts';
import { cliEnv, MAIN, REPO_ROOT } from '../testing/cli.ts';

// The real command line on an embedded database of its own (as src/cli/cli.test.ts does).
const dataDir = mkdtempSync(join(tmpdir(), 'hearth-icd10-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function hearth(args: string[]) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: REPO_ROOT,
    env: cliEnv({ HEARTH_DATA_DIR: dataDir, HEARTH_KEYS_DIR: join(dataDir, 'keys') }),
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function orderFile(name: string, text: string): string {
  const path = join(dataDir, name);
  writeFileSync(path, text);
  return path;
}

describe('hearth import-icd10', () => {
  test('migrate loads the shipped FY2026 set once', () => {
    const first = hearth(['migrate']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stderr,
      /loaded the ICD-10-CM FY2026 code set shipped with Hearth \(98186 codes\)/,
    );
    const again = hearth(['migrate']);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /loaded the ICD-10-CM/);
  });

  test('loads an order file, then the next one with the difference, then the same one idempotently', () => {
    const a = hearth([
      'import-icd10',
      '--file',
      orderFile('icd10cm-order-2030.txt', orderFileText(releaseA())),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.match(
      a.stdout,
      /^loaded ICD-10-CM FY2030 \(effective 2029-10-01 to 2030-09-30\): 76 codes, 55 billable$/m,
    );
    assert.match(a.stdout, /^compared with FY2026: 0 added, 98110 deleted,/m);

    const path = orderFile('icd10cm-order-2031.txt', orderFileText(releaseB()));
    const b = hearth(['import-icd10', path]);
    assert.equal(b.code, 0, b.stderr);
    assert.match(
      b.stdout,
      /^compared with FY2030: 2 added, 3 deleted, 1 billable→header, 1 header→billable, 1 retitled$/m,
    );
    assert.match(b.stdout, /^ {2}added: F41\.10, F41\.11$/m);
    assert.match(b.stdout, /^ {2}deleted: F40\.02, QA0\.0131, QA0\.0139$/m);
    assert.match(b.stdout, /^ {2}billable→header: F41\.1$/m);
    assert.match(b.stdout, /^ {2}header→billable: QA0\.013$/m);
    assert.match(b.stdout, /^ {2}retitled: F41\.9$/m);

    const again = hearth(['import-icd10', path]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stdout,
      /^already loaded from this very file, nothing changed: ICD-10-CM FY2031/m,
    );
  });

  test('a malformed file is refused with the line number, and nothing is written', async () => {
    const broken = orderFileText(releaseA()).replace(/^(00003 F4000 {3})1/m, '$1X');
    const r = hearth(['import-icd10', '--file', orderFile('icd10cm-order-2032.txt', broken)]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr.trim().split('\n').at(-1)!,
      /^hearth import-icd10: line 3: column 15 must be 1 \(billable\) or 0, found "X"; nothing was written$/,
    );
    const db = await openDatabase({
      dataDir,
      databaseUrl: undefined,
      databaseCaFile: undefined,
      databasePoolSize: 1,
    });
    try {
      const years = await db
        .unsafeOwnerConnection()
        .selectFrom('icd10_code_sets')
        .select('fiscal_year')
        .orderBy('fiscal_year')
        .execute();
      assert.deepEqual(
        years.map((y) => y.fiscal_year),
        [2026, 2030, 2031],
      );
      const codes = await db
        .unsafeOwnerConnection()
        .selectFrom('icd10_codes')
        .select('code')
        .where('fiscal_year', '=', 2032)
        .execute();
      assert.deepEqual(codes, []);
    } finally {
      await db.close();
    }
  });

  test('usage: --help, a missing or extra file, a bad flag, a file that is not there', () => {
    const help = hearth(['import-icd10', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: hearth import-icd10 <order file>/);
    assert.match(help.stdout, /--effective-from YYYY-MM-DD/);
    assert.equal(hearth(['import-icd10']).code, 2);
    const two = hearth(['import-icd10', 'a.txt', 'b.txt']);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /at most 1 argument/);
    const year = hearth(['import-icd10', '--file', 'x.txt', '--fiscal-year', '27']);
    assert.equal(year.code, 2);
    assert.match(year.stderr, /--fiscal-year must be a year/);
    const missing = hearth(['import-icd10', '--file', join(dataDir, 'icd10cm-order-2040.txt')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*icd10cm-order-2040\.txt: no such file/);
  });
});
