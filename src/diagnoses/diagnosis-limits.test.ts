import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';

let t: TestApp;
let p: StaffedPractice;
let clientId = '';

const url = (id = clientId) => `/api/v1/clients/${id}/diagnoses`;
const list = async (id = clientId) => {
  const r = await callAs(t, p.staff.associate, 'GET', url(id));
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ items: { rank: number | null; status: string }[] }>().items;
};
const add = (body: object, who = p.staff.associate) => callAs(t, who, 'POST', url(), body);

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Mira',
    lastName: 'Santos',
    dateOfBirth: '1988-08-08',
    clinicianIds: [p.staff.associate.userId],
  });
  clientId = r.json<{ id: string }>().id;
  for (const code of ['F41.1', 'Z71.89']) assert.equal((await add({ code })).statusCode, 201);
});
after(() => t.close());

describe('diagnosis limits and concurrency', () => {
  test('at most 12 active diagnoses, as on a claim', async () => {
    const codes = [
      'F43.10',
      'F43.12',
      'F40.10',
      'F40.240',
      'F41.0',
      'F41.8',
      'F41.9',
      'F43.20',
      'F43.21',
      'F43.22',
    ];
    for (const code of codes) assert.equal((await add({ code })).statusCode, 201, code);
    const full = await add({ code: 'F43.23' });
    assert.equal(full.statusCode, 409);
    assert.equal(full.json<{ error: { code: string } }>().error.code, 'too_many_diagnoses');
    const ranks = (await list()).filter((d) => d.status === 'active').map((d) => d.rank);
    assert.deepEqual(ranks, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  test('two clinicians adding at once take turns: both get a rank, no gap, no clash', async () => {
    const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
      firstName: 'Tariq',
      lastName: 'Lindqvist',
      dateOfBirth: '1979-11-11',
      clinicianIds: [p.staff.associate.userId, p.staff.supervisor.userId],
    });
    const id = r.json<{ id: string }>().id;
    const answers = await Promise.all(
      [
        [p.staff.associate, 'F43.10'],
        [p.staff.supervisor, 'F41.1'],
        [p.staff.admin, 'Z71.89'],
      ].map(([who, code]) => callAs(t, who as typeof p.staff.admin, 'POST', url(id), { code })),
    );
    assert.deepEqual(
      answers.map((a) => a.statusCode),
      [201, 201, 201],
    );
    const ranks = (await list(id)).map((d) => d.rank).sort();
    assert.deepEqual(ranks, [1, 2, 3]);
  });
});
