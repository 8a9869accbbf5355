import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs } from '../testing/practice.ts';
import {
  auditRows,
  book,
  booking,
  countRows,
  errorCode,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from './test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
let zone = '';

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  zone = s.zone;
});
after(() => t.close());

describe('appointments', () => {
  test('the front desk books; the answer has UTC and local times, and the write is audited', async () => {
    const start = upcoming(zone, 1, 2, '09:00');
    const r = await book(t, s.p.staff.front_desk, booking(s, start));
    assert.equal(r.statusCode, 201, r.body);
    const a = r.json<Record<string, unknown>>();
    assert.equal(a.start, new Date(start).toISOString());
    assert.equal((a.localStart as string).slice(11), '09:00');
    assert.equal(a.localEnd && (a.localEnd as string).slice(11), '09:50');
    assert.equal(a.timeZone, zone);
    assert.equal(a.status, 'scheduled');
    assert.equal(a.outsideWorkingHours, true, 'no working hours are set yet');
    assert.equal(a.series, null);
    const rows = await auditRows(t, s.p.practiceId, 'appointment.create');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.client_id, s.clientId);
    const read = await callAs(t, s.p.staff.biller, 'GET', `/api/v1/appointments/${a.id as string}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal((await auditRows(t, s.p.practiceId, 'appointment.read')).length, 1);
  });
});
