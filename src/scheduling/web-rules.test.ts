import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as server from './appointments/statuses.ts';
import * as web from '../../web/src/scheduling/status.ts';
import * as repeat from '../../web/src/scheduling/repeat.ts';

// The browser keeps its own copy of the status rules (the web build does not reach into the
// server's modules), so that it offers only the changes the server accepts. This keeps the
// two from drifting apart.
test('the web application offers exactly the status changes the server accepts', () => {
  assert.deepEqual(web.TRANSITIONS, server.TRANSITIONS);
  assert.deepEqual([...web.NEEDS_REASON].sort(), [...server.NEEDS_REASON].sort());
  assert.deepEqual([...web.MOVABLE].sort(), [...server.MOVABLE].sort());
  assert.deepEqual(Object.keys(web.REASONS).sort(), [...server.STATUS_REASONS].sort());
  assert.deepEqual([...web.STAFF_REASONS].sort(), [...server.STAFF_REASONS].sort());
});

test('the appointment dialog puts a series rule in words, and shows any other rule as it is', () => {
  const zone = 'America/New_York';
  const first = '2026-12-01'; // a Tuesday
  const weekly = repeat.rruleOf({ every: 1, ends: 'count', count: 12, until: '' }, first, zone)!;
  assert.equal(repeat.describeRule(weekly, zone), 'Every week on Tuesday, 12 sessions');
  const fortnightly = repeat.rruleOf(
    { every: 2, ends: 'until', count: 0, until: '2027-03-02' },
    first,
    zone,
  )!;
  assert.equal(
    repeat.describeRule(fortnightly, zone),
    'Every two weeks on Tuesday, until Tue, Mar 2',
  );
  assert.equal(
    repeat.describeRule('FREQ=WEEKLY;BYDAY=TU;COUNT=1', zone),
    'Every week on Tuesday, 1 session',
  );
  // The older half of a this-and-following change ends a second before the newer half begins.
  assert.match(
    repeat.describeRule('FREQ=WEEKLY;BYDAY=TU;UNTIL=20261222T195959Z', zone),
    /^Every week on Tuesday, ending before Tue, Dec 22, 3:00\sPM$/,
  );
  assert.equal(
    repeat.describeRule('FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4', zone),
    'Every week on Monday and Thursday, 4 sessions',
  );
  for (const other of [
    'FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3',
    'FREQ=YEARLY;COUNT=2',
    'FREQ=WEEKLY;BYDAY=1TU',
  ]) {
    assert.equal(repeat.describeRule(other, zone), other);
  }
});
