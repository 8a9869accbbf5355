import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { asSuperuser } from '../testing/superuser.ts';
import { callAs } from '../testing/practice.ts';
import { addClient, plansWorld, type PlansWorld } from './fixture.ts';

// DESIGN.md invariant 6: a crisis safety plan can never be changed or deleted — by the API,
// by the application's database role, by the tables' owner, or by a superuser.
let w: PlansWorld;
let clientId = '';
let planId = '';

before(async () => {
  w = await plansWorld();
  clientId = await addClient(w, [w.p.staff.associate]);
  const r = await callAs(
    w.t,
    w.p.staff.associate,
    'POST',
    `/api/v1/clients/${clientId}/safety-plans`,
    {
      warningSigns: ['Pacing at night'],
      reasonsForLiving: ['Grandchildren'],
    },
  );
  assert.equal(r.statusCode, 201, r.body);
  planId = r.json<{ id: string }>().id;
});
after(() => w.t.close());

/** The stored row, every column, as the superuser sees it. */
const rowNow = () =>
  asSuperuser(w.t.database, async (db) => {
    const { rows } = await sql`select * from safety_plans where id = ${planId}`.execute(db);
    return rows;
  });

/** Runs `statement` as the owner, switched to see every practice (its policies allow that). */
const asOwner = (statement: ReturnType<typeof sql>) =>
  w.t.db
    .unsafeOwnerConnection()
    .transaction()
    .execute(async (tx) => {
      await sql`select set_config('app.cross_practice', 'on', true)`.execute(tx);
      return statement.execute(tx);
    });

const writes = () => [
  sql`update safety_plans set contents_sealed = 'hf1.x.y' where id = ${planId}`,
  sql`update safety_plans set supersedes_id = null where id = ${planId}`,
  sql`delete from safety_plans where id = ${planId}`,
  sql`truncate safety_plans`,
];

describe('safety plans are write-once', () => {
  test('there is no PATCH, PUT or DELETE route anywhere, and those calls change nothing', async () => {
    const before = await rowNow();
    for (const url of [
      `/api/v1/safety-plans/${planId}`,
      `/api/v1/clients/${clientId}/safety-plans`,
    ]) {
      for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
        for (const who of [w.p.staff.associate, w.p.staff.admin]) {
          const r = await callAs(
            w.t,
            who,
            method,
            url,
            method === 'DELETE' ? undefined : { warningSigns: ['changed'] },
          );
          assert.ok([404, 405].includes(r.statusCode), `${method} ${url}: ${r.statusCode}`);
        }
      }
    }
    const routes = w.t.app.printRoutes({ commonPrefix: false });
    for (const line of routes.split('\n').filter((l) => l.includes('safety-plans'))) {
      assert.doesNotMatch(line, /PATCH|PUT|DELETE/, line);
    }
    assert.deepEqual(await rowNow(), before);
  });

  test("the application's role cannot update, delete or truncate", async () => {
    for (const statement of writes()) {
      await assert.rejects(
        w.t.db.withPractice(w.p.practiceId, (tx) => statement.execute(tx)),
        (err: { code?: string }) => err.code === '42501',
      );
    }
  });

  test('neither can the owner nor a superuser: the trigger refuses every role', async () => {
    const before = await rowNow();
    for (const statement of writes()) {
      await assert.rejects(asOwner(statement), /safety plans are write-once/);
    }
    await asSuperuser(w.t.database, async (db: Kysely<DB>) => {
      for (const statement of writes()) {
        await assert.rejects(statement.execute(db), /safety plans are write-once/);
      }
    });
    assert.deepEqual(await rowNow(), before);
  });

  test('superseding leaves the old row exactly as it was; the chain is kept by the database', async () => {
    const before = await rowNow();
    const r = await callAs(
      w.t,
      w.p.staff.associate,
      'POST',
      `/api/v1/clients/${clientId}/safety-plans`,
      {
        warningSigns: ['Pacing at night', 'Skipping meals'],
        supersedesId: planId,
      },
    );
    assert.equal(r.statusCode, 201, r.body);
    const newest = r.json<{ id: string }>().id;
    assert.deepEqual(await rowNow(), before);
    const other = await addClient(w, [w.p.staff.associate]);
    await asSuperuser(w.t.database, async (db) => {
      const insert = (supersedes: string | null, client = clientId) =>
        sql`insert into safety_plans (id, practice_id, client_id, author_id, contents_sealed,
              professionals_prefilled, supersedes_id)
            values (${randomUUID()}, ${w.p.practiceId}, ${client}, ${w.p.staff.associate.userId},
              'hf1.x.y', false, ${supersedes})`.execute(db);
      // A second first plan, a second successor, a successor for another client's plan:
      await assert.rejects(insert(null), /safety_plans_one_first/);
      await assert.rejects(insert(planId), /safety_plans_superseded_once/);
      await assert.rejects(insert(newest, other), /foreign key/);
    });
  });
});
