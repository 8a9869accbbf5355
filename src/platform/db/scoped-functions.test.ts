import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { SCOPED_FUNCTIONS, type ScopedFunction } from './scoped-functions.ts';
import { APP_ROLE } from './roles.ts';

let t: TestDatabase;
const [a, b] = [randomUUID(), randomUUID()];
const clientOfA = randomUUID();

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
  await t.db.withPractice(a, (tx) =>
    tx
      .insertInto('clients')
      .values({
        id: clientOfA,
        first_name: 'Ada',
        last_name: 'Scoped',
        date_of_birth: '1990-01-01',
      })
      .execute(),
  );
});
after(() => t.close());

/** hearth_chart as the whole practice sees it; the audit context left empty. */
const chart = (practiceId: string, clientId: string) =>
  t.db.callInPractice<{ hearth_chart: { reach: string } }>(practiceId, 'hearth_chart', [
    clientId,
    randomUUID(),
    'admin',
    true,
    true,
    true,
    true,
    true,
    null,
    null,
    null,
  ]);

/** What every pooled connection carries once its statement is over. */
async function connectionStates(): Promise<{ role: string; practice: string | null }[]> {
  const owner = t.db.unsafeOwnerConnection();
  const rows = await Promise.all(
    Array.from({ length: 8 }, () =>
      sql<{
        role: string;
        practice: string | null;
      }>`select current_user as role, nullif(current_setting('app.practice_id', true), '') as practice`.execute(
        owner,
      ),
    ),
  );
  return rows.flatMap((r) => r.rows);
}

describe('functions that open a practice’s scope themselves, one round trip each', () => {
  test('they read only their practice’s rows: another practice’s client is not there', async () => {
    const [own] = await chart(a, clientOfA);
    assert.equal(own?.hearth_chart.reach, 'practice');
    const [other] = await chart(b, clientOfA);
    assert.deepEqual(other?.hearth_chart, { reach: 'missing' });
  });

  test('no role or practice outlives the call, even a failed one', async () => {
    await chart(a, clientOfA);
    await assert.rejects(chart(a, 'not-a-uuid'));
    for (const state of await connectionStates()) {
      assert.notEqual(state.role, APP_ROLE);
      assert.equal(state.practice, null);
    }
    const [after] = await chart(a, clientOfA);
    assert.equal(after?.hearth_chart.reach, 'practice', 'the connection serves the next call');
  });

  test('each one enters its scope before anything else, and the app role cannot call it', async () => {
    const owner = t.db.unsafeOwnerConnection();
    for (const name of SCOPED_FUNCTIONS) {
      const { rows } = await sql<{ source: string; first: string; callable: boolean }>`
        select p.prosrc as source, p.proargnames[1] as first,
               has_function_privilege(${APP_ROLE}, p.oid, 'execute') as callable
          from pg_proc p where p.proname = ${name}`.execute(owner);
      assert.equal(rows.length, 1, `${name} exists once`);
      const [fn] = rows;
      assert.equal(fn?.first, 'p_practice', `${name} takes the practice first`);
      const body = fn!.source.replace(/declare[\s\S]*?begin/, 'begin').trim();
      assert.match(body, /^begin\s+perform hearth_enter_practice\(p_practice\);/, name);
      assert.equal(fn?.callable, false, `${name} is not the app role's to call`);
    }
  });

  test('something that is not a practice id, or a function that does not scope itself, is refused before anything is sent', async () => {
    await assert.rejects(
      t.db.callInPractice(`x'; drop table practices; --`, 'hearth_chart', []),
      TypeError,
    );
    await assert.rejects(
      t.db.callInPractice(a, 'hearth_session_state' as ScopedFunction, []),
      /does not open a scope/,
    );
  });
});
