import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { openDatabase } from './open.ts';
import { LATEST_VERSION, MigrationError } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Migration } from './migration.ts';

let t: TestDatabase;
before(async () => (t = await testDatabase({ migrated: false })));
after(() => t.close());

async function versions(): Promise<number[]> {
  const { rows } = await sql<{
    version: number;
  }>`select version from schema_migrations order by version`.execute(t.db.unsafeOwnerConnection());
  return rows.map((r) => r.version);
}

async function tableExists(name: string): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass(${name})::text as t`.execute(
    t.db.unsafeOwnerConnection(),
  );
  return rows[0]?.t !== null;
}

describe('migrations', () => {
  test('an empty database is brought to the latest version, and a second run applies nothing', async () => {
    assert.equal((await t.db.readiness()).schemaCurrent, false);
    const first = await t.db.migrate();
    assert.deepEqual(
      first.applied.map((m) => m.version),
      MIGRATIONS.map((m) => m.version),
    );
    assert.deepEqual(
      await versions(),
      MIGRATIONS.map((m) => m.version),
    );
    const second = await t.db.migrate();
    assert.deepEqual(second.applied, []);
    assert.equal(second.current, LATEST_VERSION);
    assert.equal((await t.db.readiness()).schemaCurrent, true);
  });

  test('a failing migration rolls back entirely and names itself', async () => {
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      statements: ['create table half_done (id int)', 'select * from no_such_table'],
    };
    await assert.rejects(
      t.db.migrate(undefined, [...MIGRATIONS, broken]),
      (err: Error) =>
        err instanceof MigrationError &&
        /migration \d+ \(broken\) failed and was rolled back/.test(err.message),
    );
    assert.equal(await tableExists('half_done'), false);
    assert.deepEqual(
      await versions(),
      MIGRATIONS.map((m) => m.version),
    );
  });

  test('a database newer than the code is refused', async () => {
    await assert.rejects(
      t.db.migrate(undefined, MIGRATIONS.slice(0, -1)),
      (err: Error) => err instanceof MigrationError && /newer than this Hearth/.test(err.message),
    );
  });

  test('migrations must be numbered 1, 2, 3… with no gap', async () => {
    const gap: Migration = { version: MIGRATIONS.length + 2, name: 'gap', statements: [] };
    await assert.rejects(t.db.migrate(undefined, [...MIGRATIONS, gap]), /expected \d+/);
  });

  test('instances starting at once apply each migration exactly once (advisory lock)', async (ctx) => {
    if (!t.url) {
      // One embedded database is one process's: concurrency there is the pool's serial queue.
      const fresh = await testDatabase({ migrated: false });
      try {
        const results = await Promise.all([
          fresh.db.migrate(),
          fresh.db.migrate(),
          fresh.db.migrate(),
        ]);
        assert.equal(results.flatMap((r) => r.applied).length, MIGRATIONS.length);
      } finally {
        await fresh.close();
      }
      return;
    }
    const fresh = await testDatabase({ migrated: false });
    const others = await Promise.all(
      [1, 2, 3].map(() =>
        openDatabase({
          dataDir: '',
          databaseUrl: fresh.url,
          databaseCaFile: undefined,
          databasePoolSize: 2,
        }),
      ),
    );
    ctx.after(async () => {
      await Promise.all(others.map((db) => db.close()));
      await fresh.close();
    });
    const results = await Promise.all(others.map((db) => db.migrate()));
    assert.equal(results.flatMap((r) => r.applied).length, MIGRATIONS.length);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from schema_migrations`.execute(fresh.db.unsafeOwnerConnection());
    assert.equal(rows[0]?.n, MIGRATIONS.length);
  });
});
