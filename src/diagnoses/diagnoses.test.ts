import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { todayUtc } from './code-format.ts';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
let clientId = '';

interface Dx {
  id: string;
  code: string;
  rank: number | null;
  status: string;
  fiscalYear: number;
  resolvedOn: string | null;
}

const url = (id = clientId) => `/api/v1/clients/${id}/diagnoses`;
const list = async (id = clientId) => {
  const r = await callAs(t, p.staff.associate, 'GET', url(id));
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ items: Dx[] }>().items;
};
const ranked = async () => (await list()).map((d) => `${d.rank ?? '-'}:${d.code}:${d.status}`);
const add = (body: object, who = p.staff.associate) => callAs(t, who, 'POST', url(), body);

/** Every row of the table in this practice, entered-in-error ones too. */
const rows = () =>
  t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('client_diagnoses')
      .select(['id', 'code', 'rank', 'status'])
      .orderBy('id')
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
  assert.equal(r.statusCode, 201, r.body);
  clientId = r.json<{ id: string }>().id;
});
after(() => t.close());

describe('client diagnoses', () => {
  test('a clinician adds billable codes; a rank inserts at that place; audited', async () => {
    const first = await add({ code: 'f41.1', onsetDate: '2026-01-15' });
    assert.equal(first.statusCode, 201, first.body);
    const dx = first.json<Dx & { codeSet: { fiscalYear: number } }>();
    assert.equal(dx.code, 'F41.1');
    assert.equal(dx.rank, 1);
    assert.equal(dx.fiscalYear, 2026);
    assert.equal(dx.codeSet.fiscalYear, 2026);
    assert.equal((await add({ code: 'F32A', rank: 1 })).statusCode, 201);
    assert.equal((await add({ code: 'Z71.89' })).statusCode, 201);
    assert.deepEqual(await ranked(), ['1:F32.A:active', '2:F41.1:active', '3:Z71.89:active']);
    const created = await auditOf('diagnosis.create');
    assert.equal(created.length, 3);
    assert.ok(created.every((a) => a.client_id === clientId && a.outcome === 'success'));
    assert.equal(created[0]!.subject_id, dx.id);
    // The audit trail names ids and ranks, never the diagnosis code itself.
    assert.ok(!JSON.stringify(created).includes('F41'));
  });

  test('a header code is refused with billable codes to choose from; nothing is written', async () => {
    const before = (await rows()).length;
    const r = await add({ code: 'F41' });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json<{ error: { code: string } }>().error.code, 'not_billable');
    assert.match(
      r.json<{ error: { message: string } }>().error.message,
      /^F41 is a category; choose a specific code such as F41\.0 .*F41\.1 Generalized anxiety disorder/,
    );
    const unknown = await add({ code: 'F41.7' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json<{ error: { code: string } }>().error.code, 'unknown_code');
    assert.match(unknown.json<{ error: { message: string } }>().error.message, /search by words/);
    for (const body of [
      { code: 'F41.1.2' },
      { code: 'hello world' },
      { code: 'F41.1', rank: 0 },
      { code: 'F43.10', rank: 9 },
      { code: 'F43.10', onsetDate: '2999-01-01' },
      { code: 'F43.10', note: 'free text is not accepted' },
      {},
    ]) {
      const bad = await add(body);
      assert.equal(bad.statusCode, 400, JSON.stringify(body));
    }
    assert.equal((await rows()).length, before);
  });

  test('the same active code twice is a conflict', async () => {
    const r = await add({ code: 'F411' });
    assert.equal(r.statusCode, 409);
    assert.equal(r.json<{ error: { code: string } }>().error.code, 'duplicate_diagnosis');
  });

  test('re-ranking moves the others; resolving closes the gap; re-opening goes last', async () => {
    const [, anxiety, counselling] = await list();
    const moved = await callAs(t, p.staff.associate, 'PATCH', `/api/v1/diagnoses/${anxiety!.id}`, {
      rank: 1,
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(await ranked(), ['1:F41.1:active', '2:F32.A:active', '3:Z71.89:active']);
    const resolved = await callAs(
      t,
      p.staff.associate,
      'PATCH',
      `/api/v1/diagnoses/${anxiety!.id}`,
      {
        status: 'resolved',
      },
    );
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json<Dx>().resolvedOn, todayUtc());
    assert.deepEqual(await ranked(), ['1:F32.A:active', '2:Z71.89:active', '-:F41.1:resolved']);
    for (const [target, body] of [
      [anxiety, { rank: 1 }],
      [anxiety, { status: 'resolved', rank: 1 }],
      [anxiety, { status: 'resolved', resolvedOn: '2025-01-01' }],
      [counselling, { resolvedOn: '2026-01-01' }],
      [counselling, {}],
    ] as const) {
      const r = await callAs(
        t,
        p.staff.associate,
        'PATCH',
        `/api/v1/diagnoses/${target!.id}`,
        body,
      );
      assert.equal(r.statusCode, 400, JSON.stringify(body));
    }
    const reopened = await callAs(
      t,
      p.staff.associate,
      'PATCH',
      `/api/v1/diagnoses/${anxiety!.id}`,
      {
        status: 'active',
      },
    );
    assert.equal(reopened.statusCode, 200, reopened.body);
    assert.deepEqual(await ranked(), ['1:F32.A:active', '2:Z71.89:active', '3:F41.1:active']);
    assert.equal((await auditOf('diagnosis.update')).length, 3);
  });

  test('removing one entered in error hides it, keeps the row, closes the ranks', async () => {
    const [depression] = await list();
    const r = await callAs(t, p.staff.associate, 'DELETE', `/api/v1/diagnoses/${depression!.id}`);
    assert.equal(r.statusCode, 204, r.body);
    assert.deepEqual(await ranked(), ['1:Z71.89:active', '2:F41.1:active']);
    const kept = (await rows()).find((d) => d.id === depression!.id);
    assert.deepEqual(kept, {
      id: depression!.id,
      code: 'F32A',
      rank: null,
      status: 'entered_in_error',
    });
    const again = await callAs(
      t,
      p.staff.associate,
      'DELETE',
      `/api/v1/diagnoses/${depression!.id}`,
    );
    assert.equal(again.statusCode, 404);
    const deleted = await auditOf('diagnosis.delete');
    assert.deepEqual(
      deleted.map((a) => [a.subject_id, a.client_id, a.outcome]),
      [[depression!.id, clientId, 'success']],
    );
  });

  test('reads are audited; the biller sees codes and ranks but cannot write', async () => {
    const before = (await auditOf('diagnosis.read')).length;
    const r = await callAs(t, p.staff.biller, 'GET', url());
    assert.equal(r.statusCode, 200);
    const items = r.json<{ items: Dx[] }>().items;
    assert.deepEqual(
      items.map((d) => [d.code, d.rank]),
      [
        ['Z71.89', 1],
        ['F41.1', 2],
      ],
    );
    const reads = await auditOf('diagnosis.read');
    assert.equal(reads.length, before + 1);
    assert.equal(reads.at(-1)!.actor_user_id, p.staff.biller.userId);
    assert.deepEqual(reads.at(-1)!.detail, { count: 2 });
    const write = await add({ code: 'F43.10' }, p.staff.biller);
    assert.equal(write.statusCode, 403);
  });

  test('the front desk gets 403 on diagnoses, and the refusal is audited', async () => {
    const before = await rows();
    const denials = async () =>
      (await auditOf('auth.access.denied')).filter(
        (a) => a.actor_user_id === p.staff.front_desk.userId,
      );
    assert.equal((await callAs(t, p.staff.front_desk, 'GET', url())).statusCode, 403);
    const write = await add({ code: 'F43.10' }, p.staff.front_desk);
    assert.equal(write.statusCode, 403);
    assert.deepEqual(
      (await denials()).map((d) => d.detail.permission),
      ['read:diagnosis:any', 'write:diagnosis:own'],
    );
    assert.deepEqual(await rows(), before);
  });

  test('a clinician whose client it is not gets 403 not_your_client, audited, nothing written', async () => {
    const before = await rows();
    const read = await callAs(t, p.secondAssociate, 'GET', url());
    assert.equal(read.statusCode, 403);
    assert.equal(read.json<{ error: { code: string } }>().error.code, 'not_your_client');
    const [first] = await list();
    const patch = await callAs(t, p.secondAssociate, 'PATCH', `/api/v1/diagnoses/${first!.id}`, {
      rank: 2,
    });
    assert.equal(patch.statusCode, 403);
    assert.equal((await add({ code: 'F43.10' }, p.secondAssociate)).statusCode, 403);
    const denied = (await auditOf('diagnosis.read'))
      .concat(await auditOf('diagnosis.update'), await auditOf('diagnosis.create'))
      .filter((a) => a.outcome === 'denied');
    assert.equal(denied.length, 3);
    assert.ok(denied.every((a) => a.actor_user_id === p.secondAssociate.userId));
    assert.deepEqual(await rows(), before);
  });

  test('another practice gets 404 on every route, and nothing changes', async () => {
    const before = await rows();
    const [first] = await list();
    const outsider = other.staff.admin;
    for (const [method, path, body] of [
      ['GET', url(), undefined],
      ['POST', url(), { code: 'F43.10' }],
      ['PATCH', `/api/v1/diagnoses/${first!.id}`, { rank: 2 }],
      ['DELETE', `/api/v1/diagnoses/${first!.id}`, undefined],
    ] as const) {
      const r = await callAs(t, outsider, method, path, body);
      assert.equal(r.statusCode, 404, `${method} ${path}`);
    }
    assert.deepEqual(await rows(), before);
  });
});
