import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import {
  callAs,
  staffedPractice,
  type StaffedPractice,
  type StaffMember,
} from '../testing/practice.ts';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
const TOTAL = 320;
/** Client ids in each clinician's care, as inserted. */
const care = { first: new Set<string>(), second: new Set<string>() };

const LAST = ['Álvarez', 'Brown', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Haddad'];
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eva'];

interface Page {
  items: { id: string; lastName: string }[];
  nextCursor: string | null;
}

/** Follows nextCursor to the end; every page is at most `limit` long. */
async function allPages(who: StaffMember, query: string, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/clients?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const r = await callAs(t, who, 'GET', url);
    assert.equal(r.statusCode, 200, r.body);
    const page = r.json<Page>();
    assert.ok(page.items.length <= limit);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** The practice's clients in the API's order, straight from the database. */
const inOrder = () =>
  t.db.withPractice(p.practiceId, async (tx) =>
    (
      await tx
        .selectFrom('clients')
        .select('id')
        .orderBy('last_name')
        .orderBy('first_name')
        .orderBy('id')
        .execute()
    ).map((r) => r.id),
  );

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t);
  // Straight into the database: the list is under test here, not the create route. Names
  // repeat (8 × 5 pairs over 320 clients), so the cursor's id tie-break is exercised.
  const rows = Array.from({ length: TOTAL }, (_, i) => ({
    id: randomUUID(),
    first_name: FIRST[i % FIRST.length]!,
    last_name: LAST[Math.floor(i / FIRST.length) % LAST.length]!,
    date_of_birth: '1990-01-01',
  }));
  await t.db.withPractice(p.practiceId, async (tx) => {
    await tx.insertInto('clients').values(rows).execute();
    const links = rows.flatMap((r, i) => [
      ...(i % 2 === 0 ? [{ client_id: r.id, user_id: p.staff.associate.userId }] : []),
      ...(i % 3 === 0 ? [{ client_id: r.id, user_id: p.secondAssociate.userId }] : []),
    ]);
    await tx.insertInto('client_clinicians').values(links).execute();
  });
  rows.forEach((r, i) => {
    if (i % 2 === 0) care.first.add(r.id);
    if (i % 3 === 0) care.second.add(r.id);
  });
});
after(() => t.close());

describe('the client list', () => {
  test('pages through every client once, in name order', async () => {
    const ids = await allPages(p.staff.admin, '');
    assert.equal(ids.length, TOTAL);
    assert.equal(new Set(ids).size, TOTAL);
    assert.deepEqual(ids, await inOrder());
    assert.deepEqual(await allPages(p.staff.front_desk, '', 100), ids);
  });

  test("clinicianId: only clients in that clinician's care, across pages", async () => {
    const first = await allPages(p.staff.admin, `&clinicianId=${p.staff.associate.userId}`, 37);
    assert.deepEqual(new Set(first), care.first);
    const order = await inOrder();
    assert.deepEqual(
      first,
      order.filter((id) => care.first.has(id)),
    );
    const second = await allPages(p.staff.biller, `&clinicianId=${p.secondAssociate.userId}`);
    assert.deepEqual(new Set(second), care.second);
  });

  test('a clinician sees their own clients; clinicianId narrows within them', async () => {
    const own = await allPages(p.staff.associate, '');
    assert.deepEqual(new Set(own), care.first);
    const shared = await allPages(p.staff.associate, `&clinicianId=${p.secondAssociate.userId}`);
    assert.deepEqual(new Set(shared), new Set([...care.first].filter((id) => care.second.has(id))));
  });

  test('filters combine with search and status', async () => {
    const ids = await allPages(
      p.staff.admin,
      `&clinicianId=${p.staff.associate.userId}&search=alv&status=active`,
      10,
    );
    const expected = await t.db.withPractice(p.practiceId, (tx) =>
      tx.selectFrom('clients').select('id').where('last_name', '=', 'Álvarez').execute(),
    );
    assert.deepEqual(
      new Set(ids),
      new Set(expected.map((r) => r.id).filter((id) => care.first.has(id))),
    );
    assert.ok(ids.length > 0);
    assert.deepEqual(await allPages(p.staff.admin, '&status=discharged'), []);
  });

  test('a clinician of another practice, or an unknown one, matches nothing', async () => {
    assert.deepEqual(
      await allPages(p.staff.admin, `&clinicianId=${other.staff.associate.userId}`),
      [],
    );
    assert.deepEqual(
      await allPages(other.staff.admin, `&clinicianId=${p.staff.associate.userId}`),
      [],
    );
  });

  test('bad filters are a 400', async () => {
    for (const query of [
      'clinicianId=not-a-uuid',
      'limit=0',
      'limit=101',
      'cursor=bogus',
      'status=gone',
    ]) {
      const r = await callAs(t, p.staff.admin, 'GET', `/api/v1/clients?${query}`);
      assert.equal(r.statusCode, 400, query);
    }
  });

  test('the list is audited with the filter flagged', async () => {
    await callAs(
      t,
      p.staff.admin,
      'GET',
      `/api/v1/clients?clinicianId=${p.staff.associate.userId}&limit=5`,
    );
    const last = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'client.list')
        .orderBy('occurred_at', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(last.detail, { count: 5, searched: false, byClinician: true });
  });
});
