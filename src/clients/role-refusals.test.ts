import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';

let t: TestApp;
let p: StaffedPractice;
let clientId = '';

async function accessDenied(userId: string) {
  return t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['client_id', 'detail'])
      .where('action', '=', 'auth.access.denied')
      .where('actor_user_id', '=', userId)
      .orderBy('id')
      .execute(),
  );
}

const errorOf = (r: { json<T>(): T }) =>
  r.json<{ error: { code: string; message: string } }>().error;

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  const created = await callAs(t, p.staff.associate, 'POST', '/api/v1/clients', {
    firstName: 'Rowan',
    lastName: 'Refusal',
    dateOfBirth: '1990-01-01',
  });
  assert.equal(created.statusCode, 201, created.body);
  clientId = created.json<{ id: string }>().id;
});
after(() => t.close());

// These refusals were the clients feature's own (audited as client.create / client.update);
// they now come through the one permission check, like every other route's.
describe("a role's refusals on client records are auth.access.denied, like every route's", () => {
  test('a biller adding or changing a client: 403 with its own wording, and one row each', async () => {
    const biller = p.staff.biller;
    const created = await callAs(t, biller, 'POST', '/api/v1/clients', {
      firstName: 'Not',
      lastName: 'Allowed',
      dateOfBirth: '1990-01-01',
    });
    assert.equal(created.statusCode, 403);
    assert.deepEqual(errorOf(created), {
      code: 'forbidden',
      message: 'Your role cannot add clients.',
    });
    const changed = await callAs(t, biller, 'PATCH', `/api/v1/clients/${clientId}`, {
      phone: '+15550000000',
    });
    assert.equal(changed.statusCode, 403);
    assert.equal(errorOf(changed).message, 'Your role cannot change client records.');
    assert.deepEqual(await accessDenied(biller.userId), [
      {
        client_id: null,
        detail: { permission: 'write:client:any/write:client:own', route: '/api/v1/clients' },
      },
      {
        client_id: clientId,
        detail: { permission: 'write:client:any/write:client:own', route: '/api/v1/clients/:id' },
      },
    ]);
  });

  test('a clinician assigning clinicians: 403, recorded against the client', async () => {
    const associate = p.staff.associate;
    const r = await callAs(t, associate, 'PATCH', `/api/v1/clients/${clientId}`, {
      clinicianIds: [associate.userId, p.secondAssociate.userId],
    });
    assert.equal(r.statusCode, 403);
    assert.equal(errorOf(r).message, 'Only an administrator or the front desk assigns clinicians.');
    assert.deepEqual(await accessDenied(associate.userId), [
      { client_id: clientId, detail: { permission: 'write:client:any', route: null } },
    ]);
  });
});
