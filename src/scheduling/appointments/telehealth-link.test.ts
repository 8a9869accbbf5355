import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs } from '../../testing/practice.ts';
import {
  book,
  booking,
  errorCode,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../test-fixtures.ts';

let t: TestApp;
let s: Scheduling;

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
});
after(() => t.close());

const LINK = 'https://meet.example.test/r/abc-123';

describe('a telehealth appointment’s meeting link', () => {
  test('booked with the session, changed and cleared; every reader of the schedule sees it', async () => {
    const r = await book(t, s.p.staff.front_desk, {
      ...booking(s, upcoming(s.zone, 1, 2, '09:00')),
      telehealthUrl: LINK,
    });
    assert.equal(r.statusCode, 201, r.body);
    const { id, telehealthUrl } = r.json<{ id: string; telehealthUrl: string | null }>();
    assert.equal(telehealthUrl, LINK);
    const seen = await callAs(t, s.p.staff.biller, 'GET', `/api/v1/appointments/${id}`);
    assert.equal(seen.json<{ telehealthUrl: string }>().telehealthUrl, LINK);

    const other = `${LINK}-2`;
    const changed = await callAs(t, s.p.staff.associate, 'PATCH', `/api/v1/appointments/${id}`, {
      telehealthUrl: other,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json<{ telehealthUrl: string }>().telehealthUrl, other);

    // In person, the link goes with the kind.
    const inPerson = await callAs(t, s.p.staff.associate, 'PATCH', `/api/v1/appointments/${id}`, {
      kind: 'in_person',
    });
    assert.equal(inPerson.statusCode, 200, inPerson.body);
    assert.equal(inPerson.json<{ telehealthUrl: string | null }>().telehealthUrl, null);
  });

  test('only https, only on telehealth', async () => {
    const plain = await book(t, s.p.staff.front_desk, {
      ...booking(s, upcoming(s.zone, 1, 3, '09:00')),
      telehealthUrl: 'http://meet.example.test/x',
    });
    assert.equal(plain.statusCode, 400, plain.body);
    const inPerson = await book(t, s.p.staff.front_desk, {
      ...booking(s, upcoming(s.zone, 1, 3, '11:00')),
      kind: 'in_person',
      telehealthUrl: LINK,
    });
    assert.equal(inPerson.statusCode, 400, inPerson.body);
    assert.equal(errorCode(inPerson), 'invalid_telehealth_url');
  });
});
