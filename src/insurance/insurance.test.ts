import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
let clientId = '';

interface PolicyAnswer {
  id: string;
  priority: string;
  memberId: string;
  subscriberRelationship: string;
  subscriberName: string | null;
  subscriberDateOfBirth: string | null;
  status: string;
}

const url = () => `/api/v1/clients/${clientId}/insurance`;
const PRIMARY = {
  priority: 'primary',
  payerName: 'Blue Lake Health',
  payerId: '60054',
  planName: 'PPO Silver',
  memberId: 'XYZ123456789',
  groupNumber: 'G-7788',
  effectiveFrom: '2026-01-01',
};
const SPOUSE = {
  priority: 'secondary',
  payerName: 'Meadow Mutual',
  memberId: 'MM-5550001',
  subscriberRelationship: 'spouse',
  subscriberName: 'Jordan Okafor',
  subscriberDateOfBirth: '1983-09-30',
};

/** The stored rows as the database holds them (sealed columns as ciphertext). */
const stored = () =>
  t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('client_insurance')
      .select(['id', 'priority', 'status', 'member_id', 'subscriber_name', 'payer_name'])
      .orderBy('created_at')
      .execute(),
  );
const auditOf = (action: string) =>
  t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['actor_user_id', 'outcome', 'client_id', 'subject_id', 'detail'])
      .where('action', '=', action)
      .orderBy('occurred_at')
      .execute(),
  );

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t);
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Iris',
    lastName: 'Okafor',
    dateOfBirth: '1985-06-01',
    clinicianIds: [p.staff.associate.userId],
  });
  clientId = r.json<{ id: string }>().id;
});
after(() => t.close());

describe('client insurance', () => {
  test('the front desk adds policies; member ids and subscribers are sealed at rest; audited', async () => {
    const first = await callAs(t, p.staff.front_desk, 'POST', url(), PRIMARY);
    assert.equal(first.statusCode, 201, first.body);
    const policy = first.json<PolicyAnswer>();
    assert.equal(policy.memberId, PRIMARY.memberId);
    assert.equal(policy.subscriberRelationship, 'self');
    assert.equal(policy.subscriberName, null);
    const second = await callAs(t, p.staff.front_desk, 'POST', url(), SPOUSE);
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json<PolicyAnswer>().subscriberName, 'Jordan Okafor');
    const rows = await stored();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.match(row.member_id, /^hf1\./);
      assert.ok(!row.member_id.includes('XYZ123') && !row.member_id.includes('MM-555'));
    }
    assert.match(rows[1]!.subscriber_name!, /^hf1\./);
    const created = await auditOf('insurance.create');
    assert.deepEqual(
      created.map((a) => [a.subject_id, a.client_id, a.detail.priority]),
      [
        [policy.id, clientId, 'primary'],
        [rows[1]!.id, clientId, 'secondary'],
      ],
    );
  });

  test('bad input is a 400 and nothing is written; a second active primary is a 409', async () => {
    const before = await stored();
    for (const body of [
      { ...PRIMARY, priority: 'tertiary', subscriberRelationship: 'child' },
      { ...PRIMARY, priority: 'tertiary', subscriberName: 'Someone Else' },
      { ...PRIMARY, priority: 'tertiary', effectiveFrom: '2026-05-01', effectiveTo: '2026-04-01' },
      { ...SPOUSE, priority: 'tertiary', subscriberDateOfBirth: '2999-01-01' },
      { ...PRIMARY, priority: 'quaternary' },
      { ...PRIMARY, priority: 'tertiary', memberId: '' },
      { ...PRIMARY, priority: 'tertiary', notes: 'free text' },
      { payerName: 'No member id', priority: 'tertiary' },
    ]) {
      const r = await callAs(t, p.staff.front_desk, 'POST', url(), body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
    }
    const taken = await callAs(t, p.staff.front_desk, 'POST', url(), PRIMARY);
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json<{ error: { code: string } }>().error.code, 'priority_taken');
    assert.deepEqual(await stored(), before);
  });

  test('the biller reads them in priority order; the read is audited', async () => {
    const r = await callAs(t, p.staff.biller, 'GET', url());
    assert.equal(r.statusCode, 200, r.body);
    const items = r.json<{ items: PolicyAnswer[] }>().items;
    assert.deepEqual(
      items.map((i) => [i.priority, i.memberId]),
      [
        ['primary', PRIMARY.memberId],
        ['secondary', SPOUSE.memberId],
      ],
    );
    const reads = await auditOf('insurance.read');
    assert.deepEqual(reads.at(-1), {
      actor_user_id: p.staff.biller.userId,
      outcome: 'success',
      client_id: clientId,
      subject_id: clientId,
      detail: { count: 2 },
    });
  });

  test('a policy ends (inactive), a new primary replaces it, the old one cannot come back over it', async () => {
    const [old] = (await stored()).filter((r) => r.priority === 'primary');
    const ended = await callAs(t, p.staff.biller, 'PATCH', `/api/v1/insurance/${old!.id}`, {
      status: 'inactive',
      effectiveTo: '2026-06-30',
    });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json<PolicyAnswer>().status, 'inactive');
    const next = await callAs(t, p.staff.front_desk, 'POST', url(), {
      ...PRIMARY,
      memberId: 'NEW-1',
      effectiveFrom: '2026-07-01',
    });
    assert.equal(next.statusCode, 201, next.body);
    const back = await callAs(t, p.staff.biller, 'PATCH', `/api/v1/insurance/${old!.id}`, {
      status: 'active',
    });
    assert.equal(back.statusCode, 409);
    const updates = await auditOf('insurance.update');
    assert.deepEqual(updates.at(-1)!.detail, { status: true, effectiveTo: true });
  });

  test('changing the subscriber to self clears the name and birth date; a new member id is sealed anew', async () => {
    const spouse = (await stored()).find((r) => r.priority === 'secondary')!;
    const incomplete = await callAs(
      t,
      p.staff.front_desk,
      'PATCH',
      `/api/v1/insurance/${spouse.id}`,
      {
        subscriberName: null,
      },
    );
    assert.equal(incomplete.statusCode, 400);
    const r = await callAs(t, p.staff.front_desk, 'PATCH', `/api/v1/insurance/${spouse.id}`, {
      subscriberRelationship: 'self',
      memberId: 'MM-5550002',
    });
    assert.equal(r.statusCode, 200, r.body);
    const policy = r.json<PolicyAnswer>();
    assert.deepEqual(
      [policy.subscriberRelationship, policy.subscriberName, policy.subscriberDateOfBirth],
      ['self', null, null],
    );
    assert.equal(policy.memberId, 'MM-5550002');
    const row = (await stored()).find((x) => x.id === spouse.id)!;
    assert.notEqual(row.member_id, spouse.member_id);
    assert.equal(row.subscriber_name, null);
  });

  test('a policy entered in error is deleted, audited', async () => {
    const [, , latest] = await stored();
    const r = await callAs(t, p.staff.front_desk, 'DELETE', `/api/v1/insurance/${latest!.id}`);
    assert.equal(r.statusCode, 204, r.body);
    assert.equal((await stored()).length, 2);
    const deleted = await auditOf('insurance.delete');
    assert.deepEqual(
      deleted.map((a) => a.subject_id),
      [latest!.id],
    );
  });

  test('clinicians get 403 on insurance, audited, and nothing changes', async () => {
    const before = await stored();
    const [row] = before;
    for (const who of [p.staff.associate, p.staff.supervisor]) {
      for (const [method, path, body] of [
        ['GET', url(), undefined],
        ['POST', url(), { ...PRIMARY, priority: 'tertiary' }],
        ['PATCH', `/api/v1/insurance/${row!.id}`, { payerName: 'Changed' }],
        ['DELETE', `/api/v1/insurance/${row!.id}`, undefined],
      ] as const) {
        const r = await callAs(t, who, method, path, body);
        assert.equal(r.statusCode, 403, `${who.role} ${method}`);
      }
    }
    const denied = (await auditOf('auth.access.denied')).filter((a) =>
      [p.staff.associate.userId, p.staff.supervisor.userId].includes(a.actor_user_id!),
    );
    assert.equal(denied.length, 8);
    assert.deepEqual(await stored(), before);
  });

  test('another practice gets 404 on every route, and nothing changes', async () => {
    const before = await stored();
    const [row] = before;
    for (const [method, path, body] of [
      ['GET', url(), undefined],
      ['POST', url(), { ...PRIMARY, priority: 'tertiary' }],
      ['PATCH', `/api/v1/insurance/${row!.id}`, { payerName: 'Changed' }],
      ['DELETE', `/api/v1/insurance/${row!.id}`, undefined],
    ] as const) {
      const r = await callAs(t, other.staff.admin, method, path, body);
      assert.equal(r.statusCode, 404, `${method} ${path}`);
    }
    assert.deepEqual(await stored(), before);
  });

  test('two primary policies added at once: one 201, one 409, never a 500', async () => {
    const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
      firstName: 'Lena',
      lastName: 'Park',
      dateOfBirth: '1990-10-10',
    });
    const path = `/api/v1/clients/${r.json<{ id: string }>().id}/insurance`;
    const answers = await Promise.all([
      callAs(t, p.staff.front_desk, 'POST', path, PRIMARY),
      callAs(t, p.staff.biller, 'POST', path, { ...PRIMARY, memberId: 'OTHER-1' }),
    ]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 409]);
  });
});
