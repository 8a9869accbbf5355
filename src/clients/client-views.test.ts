import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';

let t: TestApp;
let p: StaffedPractice;
let clientId = '';

// Exactly the keys each role receives of a client's record (minimum necessary).
const ADMINISTRATIVE = [
  'address',
  'clinicianIds',
  'createdAt',
  'dateOfBirth',
  'email',
  'emergencyContact',
  'firstName',
  'id',
  'lastName',
  'phone',
  'preferredName',
  'pronouns',
  'status',
  'updatedAt',
];
const EXPECTED_KEYS: Record<string, string[]> = {
  admin: ADMINISTRATIVE,
  supervisor: ADMINISTRATIVE,
  associate: ADMINISTRATIVE,
  front_desk: ADMINISTRATIVE,
  biller: ADMINISTRATIVE.filter((k) => k !== 'emergencyContact' && k !== 'pronouns'),
};
// Fields that would be clinical on a client record: no administrative role may ever get one.
const CLINICAL = ['diagnoses', 'diagnosis', 'notes', 'safetyPlan', 'medications', 'risk'];

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Noor',
    lastName: 'Haddad',
    pronouns: 'she/her',
    dateOfBirth: '1992-03-04',
    emergencyContact: { name: 'Sami Haddad', phone: '+15550100' },
    clinicianIds: [p.staff.associate.userId, p.staff.supervisor.userId, p.staff.admin.userId],
  });
  assert.equal(r.statusCode, 201, r.body);
  clientId = r.json<{ id: string }>().id;
  // A diagnosis exists, so a leak of clinical data into the record would have something to show.
  const dx = await callAs(t, p.staff.associate, 'POST', `/api/v1/clients/${clientId}/diagnoses`, {
    code: 'F41.1',
  });
  assert.equal(dx.statusCode, 201, dx.body);
});
after(() => t.close());

describe('a client record, per role', () => {
  for (const role of Object.keys(EXPECTED_KEYS)) {
    test(`${role} receives exactly its fields`, async () => {
      const member = p.staff[role as keyof StaffedPractice['staff']];
      const r = await callAs(t, member, 'GET', `/api/v1/clients/${clientId}`);
      assert.equal(r.statusCode, 200, r.body);
      const keys = Object.keys(r.json<object>()).sort();
      assert.deepEqual(keys, EXPECTED_KEYS[role]);
      assert.ok(!keys.some((k) => CLINICAL.includes(k)));
      // "F41.1", not "F41": a UUID in the body may hold "f41".
      assert.doesNotMatch(r.body, /F41\.1|anxiety/i);
    });
  }

  test("the biller's record leaves out the emergency contact and pronouns", async () => {
    const r = await callAs(t, p.staff.biller, 'GET', `/api/v1/clients/${clientId}`);
    assert.doesNotMatch(r.body, /Sami|she\/her/);
  });

  test('answers to writes go through the same views', async () => {
    const patched = await callAs(t, p.staff.front_desk, 'PATCH', `/api/v1/clients/${clientId}`, {
      phone: '+15550199',
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(Object.keys(patched.json<object>()).sort(), EXPECTED_KEYS.front_desk);
  });
});
