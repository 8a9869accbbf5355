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
const TOTAL = 60;
const LAST = ['Álvarez', 'Brown', 'Chen', 'Dubois'];
const FIRST = ['Ana', 'Ben', 'Chloé'];
const STATUSES = ['active', 'active', 'inactive', 'discharged', 'active'] as const;
const rows = Array.from({ length: TOTAL }, (_, i) => ({
  id: randomUUID(),
  first_name: FIRST[i % FIRST.length]!,
  last_name: LAST[Math.floor(i / FIRST.length) % LAST.length]!,
  date_of_birth: '1990-01-01',
  status: STATUSES[i % STATUSES.length]!,
  phone: i % 4 === 0 ? `+1555010${String(i).padStart(2, '0')}` : null,
}));
/** The first associate ("Amy First") cares for every second client, the second ("Zed
 * Second") for every third: clients of both sort under Amy; every sixth has neither… */
const amy = (i: number) => i % 2 === 0;
const zed = (i: number) => i % 3 === 0;

interface Item {
  id: string;
  phone?: string | null;
  clinicians?: { id: string; name: string }[];
  nextAppointment?: { start: string; clinician: { id: string; name: string } } | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

async function allPages(who: StaffMember, query: string, limit = 7): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/clients?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const r = await callAs(t, who, 'GET', url);
    assert.equal(r.statusCode, 200, r.body);
    const page = r.json<Page>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
const ids = (items: Item[]) => items.map((i) => i.id);

/** The practice's clients by name, as the database's collation orders them. */
const byName = () =>
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
const indexOf = new Map<string, number>(rows.map((r, i) => [r.id, i]));
const where = (order: string[], keep: (i: number) => boolean) =>
  order.filter((id) => keep(indexOf.get(id)!));

const HOUR = 3_600_000;
let nextStart = '';

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  const amyId = p.staff.associate.userId;
  const zedId = p.secondAssociate.userId;
  await t.db.withPractice(p.practiceId, async (tx) => {
    await tx.updateTable('users').set({ name: 'Amy First' }).where('id', '=', amyId).execute();
    await tx.updateTable('users').set({ name: 'Zed Second' }).where('id', '=', zedId).execute();
    await tx.insertInto('clients').values(rows).execute();
    await tx
      .insertInto('client_clinicians')
      .values(
        rows.flatMap((r, i) => [
          ...(amy(i) ? [{ client_id: r.id, user_id: amyId }] : []),
          ...(zed(i) ? [{ client_id: r.id, user_id: zedId }] : []),
          // The supervisor has one client, under Amy too ("Amy" < "supervisor …").
          ...(i === 4 ? [{ client_id: r.id, user_id: p.staff.supervisor.userId }] : []),
        ]),
      )
      .execute();
    // Client 0: a past visit, a cancelled one tomorrow, and the next one the day after.
    const now = Date.now();
    const visit = (start: number, status: 'completed' | 'cancelled' | 'scheduled') => ({
      id: randomUUID(),
      client_id: rows[0]!.id,
      clinician_id: zedId,
      start_at: new Date(start),
      end_at: new Date(start + HOUR),
      time_zone: 'America/New_York',
      kind: 'telehealth' as const,
      service_code: '90834',
      status,
      status_reason: status === 'cancelled' ? ('client_request' as const) : null,
      created_by: zedId,
      updated_by: zedId,
    });
    const next = now + 48 * HOUR;
    nextStart = new Date(next).toISOString();
    await tx
      .insertInto('appointments')
      .values([
        visit(now - 48 * HOUR, 'completed'),
        visit(now + 24 * HOUR, 'cancelled'),
        visit(next, 'scheduled'),
        visit(next + 72 * HOUR, 'scheduled'),
      ])
      .execute();
  });
});
after(() => t.close());

const SUMMARY = ['dateOfBirth', 'firstName', 'id', 'lastName', 'preferredName', 'status'];
const LIST = [...SUMMARY, 'clinicians', 'nextAppointment', 'phone'].sort();
// Every role's client view has the phone and the clinicians, and every role reads the
// schedule (src/clients/views.ts, src/auth/roles.ts): none may receive more than this.
const EXPECTED_KEYS: Record<string, string[]> = {
  admin: LIST,
  supervisor: LIST,
  associate: LIST,
  front_desk: LIST,
  biller: LIST,
};

describe('the client list: phone, clinicians and next appointment', () => {
  for (const role of Object.keys(EXPECTED_KEYS)) {
    test(`${role} receives exactly its columns`, async () => {
      const member = p.staff[role as keyof StaffedPractice['staff']];
      const r = await callAs(t, member, 'GET', '/api/v1/clients?limit=5&status=active');
      assert.equal(r.statusCode, 200, r.body);
      const items = r.json<Page>().items;
      assert.ok(items.length > 0);
      for (const item of items) assert.deepEqual(Object.keys(item).sort(), EXPECTED_KEYS[role]);
    });
  }

  test('the values: phone, clinicians by name, the next appointment that will happen', async () => {
    const items = await allPages(p.staff.front_desk, '&status=active', 50);
    const first = items.find((i) => i.id === rows[0]!.id)!;
    assert.equal(first.phone, '+155501000');
    assert.deepEqual(first.clinicians, [
      { id: p.staff.associate.userId, name: 'Amy First' },
      { id: p.secondAssociate.userId, name: 'Zed Second' },
    ]);
    assert.deepEqual(first.nextAppointment, {
      start: nextStart,
      clinician: { id: p.secondAssociate.userId, name: 'Zed Second' },
    });
    const unassigned = items.find((i) => i.id === rows[1]!.id)!;
    assert.deepEqual(unassigned.clinicians, []);
    assert.equal(unassigned.nextAppointment, null);
    assert.equal(unassigned.phone, null);
  });
});

describe('the client list: sorted', () => {
  test('by status: active, inactive, discharged, each by name, across pages', async () => {
    const order = await byName();
    const rank = (s: string) => ['active', 'inactive', 'discharged'].indexOf(s);
    const expected = [0, 1, 2].flatMap((k) => where(order, (i) => rank(rows[i]!.status) === k));
    assert.deepEqual(ids(await allPages(p.staff.admin, '&sort=status')), expected);
  });

  test('by clinician: under the first by name, unassigned last, across pages', async () => {
    const order = await byName();
    const expected = [
      ...where(order, amy),
      ...where(order, (i) => !amy(i) && zed(i)),
      ...where(order, (i) => !amy(i) && !zed(i)),
    ];
    assert.deepEqual(ids(await allPages(p.staff.biller, '&sort=clinician')), expected);
    // Filters narrow the sorted list; a clinician sees their own care only.
    assert.deepEqual(
      ids(await allPages(p.staff.admin, `&sort=clinician&status=active&search=ch`, 3)),
      where(
        expected,
        (i) =>
          rows[i]!.status === 'active' &&
          (rows[i]!.last_name === 'Chen' || rows[i]!.first_name === 'Chloé'),
      ),
    );
    assert.deepEqual(
      ids(await allPages(p.staff.associate, '&sort=clinician')),
      where(expected, amy),
    );
  });

  test("the filter by clinician keeps every one of that clinician's clients", async () => {
    const order = await byName();
    assert.deepEqual(
      ids(await allPages(p.staff.admin, `&sort=status&clinicianId=${p.secondAssociate.userId}`)),
      [0, 1, 2].flatMap((k) =>
        where(
          order,
          (i) => zed(i) && ['active', 'inactive', 'discharged'].indexOf(rows[i]!.status) === k,
        ),
      ),
    );
  });

  test("an unknown order is a 400, and so is one order's cursor in another", async () => {
    const bad = await callAs(t, p.staff.admin, 'GET', '/api/v1/clients?sort=age');
    assert.equal(bad.statusCode, 400);
    const page = await callAs(t, p.staff.admin, 'GET', '/api/v1/clients?limit=2');
    const cursor = page.json<Page>().nextCursor!;
    for (const sort of ['status', 'clinician']) {
      const r = await callAs(
        t,
        p.staff.admin,
        'GET',
        `/api/v1/clients?sort=${sort}&cursor=${cursor}`,
      );
      assert.equal(r.statusCode, 400, sort);
    }
    const sorted = await callAs(t, p.staff.admin, 'GET', '/api/v1/clients?limit=2&sort=status');
    const statusCursor = sorted.json<Page>().nextCursor!;
    const r = await callAs(t, p.staff.admin, 'GET', `/api/v1/clients?cursor=${statusCursor}`);
    assert.equal(r.statusCode, 400);
  });

  test('the sorted list is audited as the list is, with its order', async () => {
    await callAs(t, p.staff.admin, 'GET', '/api/v1/clients?sort=clinician&limit=4');
    const last = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['detail', 'actor_user_id'])
        .where('action', '=', 'client.list')
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(last.detail, { count: 4, searched: false, sort: 'clinician' });
    assert.equal(last.actor_user_id, p.staff.admin.userId);
  });
});
