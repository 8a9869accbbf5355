import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../testing/practice.ts';
import { addClient, auditOf, countPlans, plansWorld, type PlansWorld } from './fixture.ts';
import { LIFELINE_988 } from './service.ts';

let w: PlansWorld;
before(async () => {
  w = await plansWorld();
});
after(() => w.t.close());

interface Plan {
  id: string;
  current: boolean;
  supersedesId: string | null;
  supersededById: string | null;
  professionalsPrefilled: boolean;
  warningSigns: string[];
  professionals: string[];
  reasonsForLiving: string[];
}
const PLAN = {
  warningSigns: ['Not sleeping', 'Withdrawing from friends'],
  copingStrategies: ['Walk the dog'],
  socialContacts: ['Coffee shop on Main St'],
  peopleToAsk: ['Sister, Ana'],
  safeEnvironment: ['Medication kept by partner'],
  reasonsForLiving: ['My children'],
};
const create = (clientId: string, body: object, who = w.p.staff.associate) =>
  callAs(w.t, who, 'POST', `/api/v1/clients/${clientId}/safety-plans`, body);

describe('crisis safety plans', () => {
  test('a first plan: written once, the 988 Lifeline filled in when no professionals are given', async () => {
    const clientId = await addClient(w, [w.p.staff.associate]);
    const r = await create(clientId, PLAN);
    assert.equal(r.statusCode, 201, r.body);
    const plan = r.json<Plan>();
    assert.equal(plan.current, true);
    assert.equal(plan.supersedesId, null);
    assert.equal(plan.professionalsPrefilled, true);
    assert.deepEqual(plan.professionals, [LIFELINE_988]);
    const read = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/safety-plans/${plan.id}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(read.json<Plan>(), plan);
    const created = (await auditOf(w, 'safety_plan.create')).filter(
      (a) => a.subject_id === plan.id,
    );
    assert.deepEqual(created[0]?.detail, { supersedes: false, professionalsPrefilled: true });
    const reads = (await auditOf(w, 'safety_plan.read')).filter((a) => a.subject_id === plan.id);
    assert.equal(reads.length, 1);
  });

  test('a new plan supersedes the current one; both stay readable, the old row untouched', async () => {
    const clientId = await addClient(w, [w.p.staff.associate]);
    const first = (await create(clientId, { ...PLAN, professionals: [] })).json<Plan>();
    assert.deepEqual(first.professionals, [], 'an explicit empty list is kept');
    const again = await create(clientId, PLAN);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json<{ error: { code: string } }>().error.code, 'safety_plan_exists');
    const second = await create(clientId, {
      warningSigns: ['Giving things away'],
      professionals: ['Dr. Lee, 555-0100'],
      supersedesId: first.id,
    });
    assert.equal(second.statusCode, 201, second.body);
    const newer = second.json<Plan>();
    assert.equal(newer.supersedesId, first.id);
    assert.equal(newer.professionalsPrefilled, false);
    const stale = await create(clientId, { warningSigns: ['x'], supersedesId: first.id });
    assert.equal(stale.statusCode, 409);
    const list = await callAs(
      w.t,
      w.p.staff.associate,
      'GET',
      `/api/v1/clients/${clientId}/safety-plans`,
    );
    assert.equal(list.statusCode, 200, list.body);
    const items = list.json<{ items: Plan[] }>().items;
    assert.deepEqual(
      items.map((i) => [i.id, i.current, i.supersededById]),
      [
        [newer.id, true, null],
        [first.id, false, newer.id],
      ],
    );
    assert.ok(!list.body.includes('Giving things away'), 'the list carries no contents');
    const old = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/safety-plans/${first.id}`);
    assert.deepEqual(old.json<Plan>().warningSigns, PLAN.warningSigns);
    assert.equal(old.json<Plan>().current, false);
    const lists = (await auditOf(w, 'safety_plan.list')).filter((a) => a.client_id === clientId);
    assert.deepEqual(
      lists.map((l) => l.detail),
      [{ count: 2 }],
    );
    const refused = (await auditOf(w, 'safety_plan.create')).filter(
      (a) => a.client_id === clientId && a.outcome === 'denied',
    );
    assert.equal(refused.length, 2);
  });

  test('bad input is refused with a clear message, and nothing is written', async () => {
    const clientId = await addClient(w, [w.p.staff.associate]);
    const before = await countPlans(w);
    const cases: object[] = [
      {},
      { warningSigns: [] },
      { warningSigns: ['  '] },
      { warningSigns: ['ok'], copingStrategies: 'walk' },
      { warningSigns: ['ok'], hobbies: ['chess'] },
      { warningSigns: ['x'.repeat(501)] },
      { warningSigns: ['ok'], supersedesId: randomUUID() },
    ];
    for (const body of cases) {
      const r = await create(clientId, body);
      assert.ok(
        [400, 409].includes(r.statusCode),
        `${JSON.stringify(body).slice(0, 60)}: ${r.body}`,
      );
      assert.ok(r.json<{ error: { message: string } }>().error.message.length > 10);
    }
    assert.equal(await countPlans(w), before);
  });

  test('who may: clinicians in the client’s care; 403 for others (audited); 404 for outsiders', async () => {
    const clientId = await addClient(w, [w.p.staff.associate]);
    const plan = (await create(clientId, PLAN)).json<Plan>();
    const before = await countPlans(w);
    const peer = await callAs(w.t, w.p.secondAssociate, 'GET', `/api/v1/safety-plans/${plan.id}`);
    assert.equal(peer.statusCode, 403);
    const denied = (await auditOf(w, 'safety_plan.read')).filter((a) => a.outcome === 'denied');
    assert.equal(denied.at(-1)?.actor_user_id, w.p.secondAssociate.userId);
    for (const who of [w.p.staff.biller, w.p.staff.front_desk]) {
      for (const [method, url] of [
        ['GET', `/api/v1/safety-plans/${plan.id}`],
        ['GET', `/api/v1/clients/${clientId}/safety-plans`],
        ['POST', `/api/v1/clients/${clientId}/safety-plans`],
      ] as const) {
        const r = await callAs(w.t, who, method, url, method === 'POST' ? PLAN : undefined);
        assert.equal(r.statusCode, 403, `${who.role} ${method} ${url}`);
        assert.ok(!r.body.includes('Not sleeping'));
      }
    }
    for (const [method, url] of [
      ['GET', `/api/v1/safety-plans/${plan.id}`],
      ['GET', `/api/v1/clients/${clientId}/safety-plans`],
      ['POST', `/api/v1/clients/${clientId}/safety-plans`],
    ] as const) {
      const r = await callAs(
        w.t,
        w.other.staff.admin,
        method,
        url,
        method === 'POST' ? PLAN : undefined,
      );
      assert.equal(r.statusCode, 404, `${method} ${url}`);
    }
    assert.equal(await countPlans(w), before);
  });

  test('two first plans written at once: exactly one is kept, the other told which', async () => {
    const clientId = await addClient(w, [w.p.staff.associate]);
    const answers = await Promise.all([create(clientId, PLAN), create(clientId, PLAN)]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [201, 409]);
    const list = await callAs(
      w.t,
      w.p.staff.associate,
      'GET',
      `/api/v1/clients/${clientId}/safety-plans`,
    );
    assert.equal(list.json<{ items: Plan[] }>().items.length, 1);
  });
});
