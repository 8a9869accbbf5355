import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { assertCanaryNowhere, newCanary } from '../testing/canary.ts';
import { callAs } from '../testing/practice.ts';
import { SAME_ORIGIN } from '../testing/http.ts';
import { book, booking, schedulingPractice, upcoming, type Scheduling } from './test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
const canary = newCanary();

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
});
after(() => t.close());

describe('scheduling canary', () => {
  test('PHI sent through the scheduling routes reaches no log line and no audit detail', async () => {
    const who = s.p.staff.associate;
    const start = upcoming(s.zone, 1, 2, '09:00');
    const ok = await book(t, who, booking(s, start, 50, { remark: canary }));
    assert.equal(ok.statusCode, 201, ok.body);
    const id = ok.json<{ id: string }>().id;
    const refused: [string, string, object | undefined][] = [
      ['POST', '/api/v1/appointments', booking(s, start, 50, { remark: canary })], // 409: taken
      ['POST', '/api/v1/appointments', booking(s, start, 50, { serviceCode: canary })],
      ['POST', '/api/v1/appointments', { ...booking(s, start), [canary]: 1 }],
      ['POST', '/api/v1/appointments', booking(s, start, 50, { recurrence: { rrule: canary } })],
      ['PATCH', `/api/v1/appointments/${id}`, { remark: canary, scope: 'all' }],
      ['GET', `/api/v1/appointments?from=${canary}&to=${canary}`, undefined],
      ['GET', `/api/v1/appointments/${canary}`, undefined],
      [
        'POST',
        `/api/v1/clinicians/${who.userId}/time-off`,
        { start: canary, end: canary, reason: 'other' },
      ],
      [
        'PUT',
        `/api/v1/clinicians/${who.userId}/hours`,
        { blocks: [{ weekday: 1, start: canary, end: '10:00' }] },
      ],
      ['GET', `/api/v1/calendar-feeds/${canary}.ics`, undefined],
    ];
    for (const [method, url, body] of refused) {
      const r = await callAs(t, who, method as 'GET', url, body);
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${method} ${url}: ${r.statusCode}`);
      // Hearth's own messages never quote values (the schema layer may name an unknown key).
      if (!r.body.includes('validation_failed'))
        assert.ok(!r.body.includes(canary), `${method} ${url}: ${r.body}`);
    }
    const changed = await callAs(t, who, 'PATCH', `/api/v1/appointments/${id}`, {
      remark: `${canary} again`,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const header = await t.app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${id}`,
      headers: {
        ...SAME_ORIGIN,
        cookie: who.cookie,
        'x-client-name': canary,
        referer: `https://x/${canary}`,
      },
    });
    assert.equal(header.statusCode, 200);
    const feed = await callAs(t, who, 'POST', '/api/v1/calendar-feeds', {});
    const ics = await t.app.inject({
      method: 'GET',
      url: new URL(feed.json<{ url: string }>().url).pathname,
    });
    assert.equal(ics.statusCode, 200);
    assert.ok(!ics.body.includes(canary), 'the remark is not in the feed');
    await assertCanaryNowhere(t, canary);
  });
});
