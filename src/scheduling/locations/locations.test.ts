import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs } from '../../testing/practice.ts';
import { book, booking, schedulingPractice, upcoming, type Scheduling } from '../test-fixtures.ts';

let t: TestApp;
let s: Scheduling;

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
});
after(() => t.close());

describe('locations', () => {
  test('admins keep the list; the front desk reads it and books with it; others cannot add', async () => {
    const add = await callAs(t, s.p.staff.admin, 'POST', '/api/v1/locations', {
      name: 'Main office',
    });
    assert.equal(add.statusCode, 201, add.body);
    const id = add.json<{ id: string }>().id;
    assert.equal(
      (await callAs(t, s.p.staff.admin, 'POST', '/api/v1/locations', { name: 'main OFFICE' }))
        .statusCode,
      409,
    );
    assert.equal(
      (await callAs(t, s.p.staff.front_desk, 'POST', '/api/v1/locations', { name: 'Room 2' }))
        .statusCode,
      403,
    );
    const r = await book(
      t,
      s.p.staff.front_desk,
      booking(s, upcoming(s.zone, 3, 3, '09:00'), 50, { kind: 'in_person', locationId: id }),
    );
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(r.json<{ location: unknown }>().location, { id, name: 'Main office' });
    assert.equal(
      (await callAs(t, s.p.staff.admin, 'DELETE', `/api/v1/locations/${id}`)).statusCode,
      204,
    );
    assert.deepEqual(
      (await callAs(t, s.p.staff.front_desk, 'GET', '/api/v1/locations')).json<{
        items: unknown[];
      }>().items,
      [],
    );
  });
});
