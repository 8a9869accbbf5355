import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs } from '../testing/practice.ts';
import { STAFF_ROLES } from '../testing/practice.ts';
import { book, booking, schedulingPractice, upcoming, type Scheduling } from './test-fixtures.ts';

// Minimum necessary: each role receives exactly the keys of its view. The remark (free text,
// sealed) reaches clinicians and admins only; the front desk and billers never see the key.

let t: TestApp;
let s: Scheduling;
let id = '';
const REMARK = 'Prefers afternoon sessions after surgery';

const DESK_KEYS = [
  'client',
  'clientId',
  'clinicianId',
  'createdAt',
  'createdBy',
  'detached',
  'end',
  'id',
  'kind',
  'localEnd',
  'localStart',
  'location',
  'seriesId',
  'seriesRule',
  'serviceCode',
  'start',
  'status',
  'statusReason',
  'telehealthUrl',
  'timeZone',
  'updatedAt',
  'updatedBy',
  'updatedVia',
];
const CLINICAL_KEYS = [...DESK_KEYS, 'remark'].sort();

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  // Held by the supervisor, for a client in the associate's care: both clinicians reach it.
  const r = await book(t, s.p.staff.front_desk, {
    ...booking(s, upcoming(s.zone, 1, 5, '10:00'), 50, { remark: REMARK }),
    clinicianId: s.p.staff.supervisor.userId,
  });
  assert.equal(r.statusCode, 201, r.body);
  id = r.json<{ id: string }>().id;
  assert.ok(
    !('remark' in r.json<object>()),
    'the front desk writes the remark but does not get it back',
  );
});
after(() => t.close());

describe('what each role receives', () => {
  for (const role of STAFF_ROLES) {
    test(`${role}`, async () => {
      const who = s.p.staff[role];
      const clinical = role === 'admin' || role === 'supervisor' || role === 'associate';
      const one = await callAs(t, who, 'GET', `/api/v1/appointments/${id}`);
      assert.equal(one.statusCode, 200, one.body);
      const body = one.json<Record<string, unknown>>();
      assert.deepEqual(Object.keys(body).sort(), clinical ? CLINICAL_KEYS : DESK_KEYS);
      assert.deepEqual(Object.keys(body.client as object).sort(), [
        'firstName',
        'id',
        'lastName',
        'preferredName',
      ]);
      if (clinical) assert.equal(body.remark, REMARK);
      const q = new URLSearchParams({
        from: upcoming(s.zone, 1, 1, '00:00'),
        to: upcoming(s.zone, 2, 1, '00:00'),
      });
      const list = await callAs(t, who, 'GET', `/api/v1/appointments?${q.toString()}`);
      const item = list.json<{ items: Record<string, unknown>[] }>().items[0]!;
      assert.deepEqual(Object.keys(item).sort(), clinical ? CLINICAL_KEYS : DESK_KEYS);
    });
  }

  test('the remark is sealed in the database', async () => {
    const row = await t.db.withPractice(s.p.practiceId, (tx) =>
      tx.selectFrom('appointments').select('remark').where('id', '=', id).executeTakeFirstOrThrow(),
    );
    assert.match(String(row.remark), /^hf1\./);
    assert.ok(!String(row.remark).includes('afternoon'));
  });
});
