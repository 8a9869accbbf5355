import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { APP_ROLE, JOBS_ROLE } from './roles.ts';
import { tenantTableDdl } from './tenant-ddl.ts';
import { GLOBAL_TABLES } from './global-tables.ts';

let t: TestDatabase;
const practiceA = randomUUID();
const practiceB = randomUUID();

before(async () => {
  t = await testDatabase();
  for (const [id, name] of [
    [practiceA, 'Practice A'],
    [practiceB, 'Practice B'],
  ] as const) {
    await t.db.withPractice(id, (tx) => tx.insertInto('practices').values({ id, name }).execute());
  }
});
after(() => t.close());

interface TableSecurity {
  table: string;
  rls: boolean;
  forced: boolean;
  app_policy: string | null;
}

/** Every table in the public schema, with its RLS flags and the app role's policy condition. */
async function tableSecurity(): Promise<(TableSecurity & { has_practice_id: boolean })[]> {
  const owner = t.db.unsafeOwnerConnection();
  const { rows } = await sql<TableSecurity & { has_practice_id: boolean }>`
    select c.relname as table,
           c.relrowsecurity as rls,
           c.relforcerowsecurity as forced,
           (select string_agg(p.qual || ' / ' || coalesce(p.with_check, ''), '; ')
              from pg_policies p
             where p.schemaname = 'public' and p.tablename = c.relname
               and ${APP_ROLE}::name = any(p.roles)) as app_policy,
           exists (select 1 from information_schema.columns col
                    where col.table_schema = 'public' and col.table_name = c.relname
                      and col.column_name = 'practice_id') as has_practice_id
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname`.execute(owner);
  return rows;
}

describe('tenant isolation (DESIGN.md invariant 1)', () => {
  test('every table with practice_id has RLS enabled, forced, and a practice policy for the app role', async () => {
    const tables = await tableSecurity();
    const tenant = tables.filter((r) => r.has_practice_id || r.table === 'practices');
    assert.ok(tenant.length >= 1, 'the practices table at least');
    const failures = tenant.flatMap((r) => {
      const problems: string[] = [];
      if (!r.rls) problems.push('row level security is not enabled');
      if (!r.forced) problems.push('row level security is not forced');
      if (!r.app_policy?.includes('app.practice_id')) {
        problems.push(`no policy for ${APP_ROLE} that compares with app.practice_id`);
      } else if (!r.app_policy.split(' / ')[1]?.includes('app.practice_id')) {
        problems.push('the policy has no WITH CHECK on app.practice_id');
      }
      return problems.map((p) => `${r.table}: ${p}`);
    });
    assert.deepEqual(failures, []);
  });

  test('every other table is declared global on purpose', async () => {
    const tables = await tableSecurity();
    const undeclared = tables
      .filter((r) => !r.has_practice_id && r.table !== 'practices')
      .map((r) => r.table)
      .filter((name) => !GLOBAL_TABLES.includes(name));
    assert.deepEqual(
      undeclared,
      [],
      'a table without practice_id must be listed in GLOBAL_TABLES (global-tables.ts) with a reason',
    );
  });

  test("an unfiltered SELECT in practice A's scope sees none of practice B's rows", async () => {
    const owner = t.db.unsafeOwnerConnection();
    // A scratch tenant table built with the same DDL helper every migration uses.
    await sql
      .raw(
        `create table isolation_probe (id uuid primary key default gen_random_uuid(), practice_id uuid not null, label text not null)`,
      )
      .execute(owner);
    for (const statement of tenantTableDdl('isolation_probe'))
      await sql.raw(statement).execute(owner);
    try {
      for (const [practice, label] of [
        [practiceA, 'a1'],
        [practiceA, 'a2'],
        [practiceB, 'b1'],
      ] as const) {
        await t.db.withPractice(practice, (tx) =>
          sql`insert into isolation_probe (practice_id, label) values (${practice}, ${label})`.execute(
            tx,
          ),
        );
      }
      const seenByA = await t.db.withPractice(practiceA, async (tx) => {
        const { rows } = await sql<{
          label: string;
          practice_id: string;
        }>`select label, practice_id from isolation_probe order by label`.execute(tx);
        return rows;
      });
      assert.deepEqual(
        seenByA.map((r) => r.label),
        ['a1', 'a2'],
      );
      assert.ok(seenByA.every((r) => r.practice_id === practiceA));

      const practicesSeenByA = await t.db.withPractice(practiceA, (tx) =>
        tx.selectFrom('practices').select(['id', 'name']).execute(),
      );
      assert.deepEqual(practicesSeenByA, [{ id: practiceA, name: 'Practice A' }]);

      // Updates and deletes without a where clause reach only A's rows.
      await t.db.withPractice(practiceA, (tx) =>
        sql`update isolation_probe set label = 'changed'`.execute(tx),
      );
      await t.db.withPractice(practiceA, (tx) =>
        sql`delete from isolation_probe where label = 'changed' and false`.execute(tx),
      );
      const seenByB = await t.db.withPractice(practiceB, async (tx) => {
        const { rows } = await sql<{ label: string }>`select label from isolation_probe`.execute(
          tx,
        );
        return rows.map((r) => r.label);
      });
      assert.deepEqual(seenByB, ['b1']);
    } finally {
      await sql.raw('drop table isolation_probe').execute(owner);
    }
  });

  test("writing a row into practice B from practice A's scope is refused by the database", async () => {
    await assert.rejects(
      t.db.withPractice(practiceA, (tx) =>
        tx.insertInto('practices').values({ id: randomUUID(), name: 'Intruder' }).execute(),
      ),
      (err: { code?: string }) => err.code === '42501',
    );
    await assert.rejects(
      t.db.withPractice(practiceA, (tx) =>
        tx.updateTable('practices').set({ id: practiceB }).where('id', '=', practiceA).execute(),
      ),
      (err: { code?: string }) => err.code === '42501',
    );
  });

  test('scoped queries run as a role that is neither superuser nor table owner', async () => {
    const who = await t.db.withPractice(practiceA, async (tx) => {
      const { rows } = await sql<{
        user: string;
        superuser: boolean;
        owns: boolean;
        bypass: boolean;
      }>`
        select current_user as user,
               (select rolsuper from pg_roles where rolname = current_user) as superuser,
               (select rolbypassrls from pg_roles where rolname = current_user) as bypass,
               exists (select 1 from pg_tables where schemaname = 'public' and tableowner = current_user) as owns`.execute(
        tx,
      );
      return rows[0];
    });
    assert.deepEqual(who, { user: APP_ROLE, superuser: false, bypass: false, owns: false });
  });

  test('the scope ends with the transaction: the next use of the connection has no practice', async () => {
    await t.db.withPractice(practiceA, async () => {});
    const { rows } = await sql<{ practice: string | null; user: string }>`
      select nullif(current_setting('app.practice_id', true), '') as practice, current_user as user`.execute(
      t.db.unsafeOwnerConnection(),
    );
    assert.equal(rows[0]?.practice, null);
    assert.notEqual(rows[0]?.user, APP_ROLE);
  });

  test('a cross-practice job must name itself and its reason, and sees every practice', async () => {
    await assert.rejects(
      t.db.unscopedAcrossPractices({ job: '', reason: '' }, async () => 0),
      /must say who and why/,
    );
    const names = await t.db.unscopedAcrossPractices(
      { job: 'test', reason: 'prove the jobs path crosses practices' },
      (tx) => tx.selectFrom('practices').select('name').orderBy('name').execute(),
    );
    assert.deepEqual(
      names.map((n) => n.name).filter((n) => n.startsWith('Practice ')),
      ['Practice A', 'Practice B'],
    );
  });

  test('neither role sees tenant rows without its explicit switch (what a direct owner query inherits)', async () => {
    const owner = t.db.unsafeOwnerConnection();
    for (const role of [APP_ROLE, JOBS_ROLE]) {
      const count = await owner.transaction().execute(async (tx) => {
        await sql`select set_config('role', ${role}, true)`.execute(tx);
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from practices`.execute(
          tx,
        );
        return rows[0]?.n;
      });
      assert.equal(count, 0, `${role} without a practice or the cross-practice switch`);
    }
  });

  test('withPractice refuses something that is not a practice id', async () => {
    await assert.rejects(
      t.db.withPractice("x' or true --", async () => 0),
      TypeError,
    );
  });
});
