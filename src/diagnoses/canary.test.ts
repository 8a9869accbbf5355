import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { assertCanaryNowhere, newCanary } from '../testing/canary.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { SAME_ORIGIN } from '../testing/http.ts';

// DESIGN.md invariant 4 for the code search, diagnosis and insurance routes: a PHI stand-in
// sent through bodies, queries, paths and headers, on answers that succeed and that fail,
// reaches neither the logs nor any audit row's detail.
let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t);
});
after(() => t.close());

test('the canary reaches no log line and no audit detail', async () => {
  const canary = newCanary();
  const admin = p.staff.admin;
  const client = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Canary',
    lastName: canary.slice(0, 90),
    dateOfBirth: '1980-01-01',
    clinicianIds: [admin.userId],
  });
  assert.equal(client.statusCode, 201, client.body);
  const clientId = client.json<{ id: string }>().id;
  const policy = {
    priority: 'primary',
    payerName: canary,
    planName: canary,
    memberId: canary,
    groupNumber: canary.slice(0, 40),
    subscriberRelationship: 'other',
    subscriberName: canary,
    subscriberDateOfBirth: '1960-02-02',
  };
  const calls: [string, string, unknown, number][] = [
    ['GET', `/api/v1/icd10/codes?q=${canary}`, undefined, 200],
    ['GET', `/api/v1/icd10/codes?q=F41&fiscalYear=${canary}`, undefined, 400],
    ['GET', `/api/v1/icd10/codes/${canary}`, undefined, 400],
    ['POST', `/api/v1/clients/${clientId}/diagnoses`, { code: canary }, 400],
    ['POST', `/api/v1/clients/${clientId}/diagnoses`, { code: 'F41.1', note: canary }, 400],
    ['POST', `/api/v1/clients/${clientId}/diagnoses`, { code: 'F41.1' }, 201],
    ['GET', `/api/v1/clients/${clientId}/diagnoses?x=${canary}`, undefined, 400],
    ['GET', `/api/v1/clients?clinicianId=${admin.userId}&search=${canary}`, undefined, 200],
    ['POST', `/api/v1/clients/${clientId}/insurance`, policy, 201],
    ['POST', `/api/v1/clients/${clientId}/insurance`, policy, 409],
    ['POST', `/api/v1/clients/${clientId}/insurance`, { ...policy, memberId: `${canary} !` }, 400],
    ['GET', `/api/v1/clients/${clientId}/insurance`, undefined, 200],
    ['GET', `/api/v1/clients/${canary}/insurance`, undefined, 400],
  ];
  for (const [method, url, body, status] of calls) {
    const r = await t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...SAME_ORIGIN, cookie: admin.cookie, 'x-canary': canary, 'user-agent': canary },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    assert.equal(r.statusCode, status, `${method} ${url} ${r.body}`);
  }
  const [stored] = (await callAs(t, admin, 'GET', `/api/v1/clients/${clientId}/insurance`)).json<{
    items: { id: string }[];
  }>().items;
  const [dx] = (await callAs(t, admin, 'GET', `/api/v1/clients/${clientId}/diagnoses`)).json<{
    items: { id: string }[];
  }>().items;
  for (const [method, url, body] of [
    [
      'PATCH',
      `/api/v1/insurance/${stored!.id}`,
      { planName: `${canary}-2`, subscriberName: `${canary}-3` },
    ],
    ['PATCH', `/api/v1/insurance/${stored!.id}`, { payerName: canary, relationship: canary }],
    ['PATCH', `/api/v1/diagnoses/${dx!.id}`, { rank: 1, comment: canary }],
  ] as const) {
    await callAs(t, admin, method, url, body);
  }
  // Outsiders and clinicians, refused, with the canary in their requests.
  await callAs(t, other.staff.admin, 'PATCH', `/api/v1/insurance/${stored!.id}`, {
    payerName: canary,
  });
  await callAs(t, p.staff.associate, 'GET', `/api/v1/clients/${clientId}/insurance?q=${canary}`);
  await callAs(t, p.staff.front_desk, 'GET', `/api/v1/icd10/codes?q=${canary}`);
  await assertCanaryNowhere(t, canary);
});
