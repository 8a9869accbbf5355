import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs, staffedPractice } from '../../testing/practice.ts';
import {
  book,
  booking,
  plusMinutes,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
let start = '';
let takenId = '';

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  start = upcoming(s.zone, 2, 3, '14:00');
  const r = await book(t, s.p.staff.front_desk, booking(s, start));
  assert.equal(r.statusCode, 201, r.body);
  takenId = r.json<{ id: string }>().id;
});
after(() => t.close());

interface Check {
  free: boolean;
  conflicts: { start: string; end: string }[];
  message: string | null;
  outsideWorkingHours: boolean;
}

const check = (who = s.p.staff.front_desk, q: Record<string, string> = {}) =>
  callAs(
    t,
    who,
    'GET',
    `/api/v1/appointments/check?${new URLSearchParams({
      clinicianId: s.p.staff.associate.userId,
      start: plusMinutes(start, 20),
      end: plusMinutes(start, 70),
      ...q,
    })}`,
  );

describe('checking a slot before booking', () => {
  test('a taken time is named in words, in the practice’s zone, with the clinician', async () => {
    const r = await check();
    assert.equal(r.statusCode, 200, r.body);
    const c = r.json<Check>();
    assert.equal(c.free, false);
    assert.equal(c.conflicts.length, 1);
    assert.match(
      c.message ?? '',
      /^associate \S+ already sees a client on Wed, [A-Z][a-z]{2} \d{1,2}, 2:00–2:50 PM\.$/,
    );
    assert.doesNotMatch(c.message ?? '', /Rowan|Achebe/);
  });

  test('a free time, or the appointment being moved, is no conflict; no hours is out of hours', async () => {
    const queries: Record<string, string>[] = [
      { start: plusMinutes(start, 50), end: plusMinutes(start, 100) },
      { exclude: takenId },
    ];
    for (const q of queries) {
      const c = (await check(s.p.staff.front_desk, q)).json<Check>();
      assert.deepEqual([c.free, c.conflicts, c.message], [true, [], null]);
      assert.equal(c.outsideWorkingHours, true, 'the associate keeps no working hours');
    }
  });

  test('within working hours it says so', async () => {
    const put = await callAs(
      t,
      s.p.staff.admin,
      'PUT',
      `/api/v1/clinicians/${s.p.staff.associate.userId}/hours`,
      { blocks: [{ weekday: 3, start: '09:00', end: '17:00' }] },
    );
    assert.equal(put.statusCode, 200, put.body);
    const c = (await check()).json<Check>();
    assert.equal(c.outsideWorkingHours, false);
  });

  test('a biller may not ask; another practice’s clinician is not found; a bad span is refused', async () => {
    assert.equal((await check(s.p.staff.biller)).statusCode, 403);
    const other = await staffedPractice(t);
    const r = await check(s.p.staff.front_desk, { clinicianId: other.staff.associate.userId });
    assert.equal(r.statusCode, 404, r.body);
    const backwards = await check(s.p.staff.front_desk, { end: plusMinutes(start, -10) });
    assert.equal(backwards.statusCode, 400, backwards.body);
  });
});
