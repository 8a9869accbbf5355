import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { assertCanaryNowhere, newCanary } from '../testing/canary.ts';
import { asSuperuser } from '../testing/superuser.ts';
import { addClient, plansWorld, type PlansWorld } from './fixture.ts';

let w: PlansWorld;
before(async () => {
  w = await plansWorld();
});
after(() => w.t.close());

test('plan contents are sealed in the database and never reach logs or audit detail', async () => {
  const canary = newCanary();
  const clientId = await addClient(w, [w.p.staff.associate]);
  const lists = ['warningSigns', 'copingStrategies', 'socialContacts', 'peopleToAsk'];
  const body = Object.fromEntries(lists.map((k) => [k, [`${canary} ${k}`]]));
  const calls: [
    expect: number,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: object,
  ][] = [
    [201, 'POST', `/api/v1/clients/${clientId}/safety-plans`, body],
    [409, 'POST', `/api/v1/clients/${clientId}/safety-plans`, body],
    [400, 'POST', `/api/v1/clients/${clientId}/safety-plans`, { ...body, [canary]: [canary] }],
    [
      400,
      'POST',
      `/api/v1/clients/${clientId}/safety-plans`,
      { warningSigns: [canary.repeat(20)] },
    ],
    [400, 'GET', `/api/v1/safety-plans/${canary}`],
    [404, 'PATCH', `/api/v1/clients/${clientId}/safety-plans`, body],
  ];
  let planId = '';
  for (const [expect, method, url, payload] of calls) {
    const r = await w.t.app.inject({
      method,
      url,
      headers: { 'sec-fetch-site': 'same-origin', cookie: w.p.staff.associate.cookie },
      ...(payload ? { payload } : {}),
    });
    assert.equal(r.statusCode, expect, `${method} ${url.slice(0, 60)}: ${r.body.slice(0, 200)}`);
    if (expect === 201) planId = r.json<{ id: string }>().id;
  }
  const read = await w.t.app.inject({
    method: 'GET',
    url: `/api/v1/safety-plans/${planId}`,
    headers: { 'sec-fetch-site': 'same-origin', cookie: w.p.staff.associate.cookie },
  });
  assert.deepEqual(read.json<{ warningSigns: string[] }>().warningSigns, [
    `${canary} warningSigns`,
  ]);
  await assertCanaryNowhere(w.t, canary);
  const raw = await asSuperuser(w.t.database, async (db) => {
    const { rows } = await sql<{ contents_sealed: string }>`
      select contents_sealed from safety_plans where id = ${planId}`.execute(db);
    return rows[0]!.contents_sealed;
  });
  assert.match(raw, /^hf1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
  assert.ok(!raw.includes(canary.slice(7, 20)));
});
