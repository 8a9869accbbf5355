import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertCanaryNowhere, newCanary } from '../testing/canary.ts';
import { callAs } from '../testing/practice.ts';
import { addClient, notesWorld, type NotesWorld } from './fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

test('note text, reasons and addenda never reach the logs or audit detail', async () => {
  const canary = newCanary();
  const author = w.p.staff.supervisor;
  const clientId = await addClient(w.t, w.p, [author]);
  const fields = { subjective: canary, objective: canary, assessment: canary, plan: canary };
  const created = await callAs(w.t, author, 'POST', `/api/v1/clients/${clientId}/notes`, {
    template: 'soap',
    fields,
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json<{ id: string }>().id;
  const url = `/api/v1/notes/${id}`;
  const calls: [string, 'GET' | 'POST' | 'PATCH', string, object?][] = [
    ['ok', 'PATCH', url, { fields: { plan: `${canary} again` } }],
    ['ok', 'GET', url],
    ['ok', 'POST', `${url}/sign`],
    ['ok', 'POST', `${url}/addenda`, { text: canary }],
    ['ok', 'POST', `${url}/unlock`, { confirm: true, reason: `${canary} reason` }],
    ['ok', 'GET', `${url}/versions/2`],
    // Refused ones: each must keep the canary out of its log line and audit row too.
    ['bad', 'PATCH', url, { fields: { [canary]: canary } }],
    // Past the 200,000 characters a field holds.
    ['bad', 'PATCH', url, { fields: { plan: canary.repeat(Math.ceil(200_001 / canary.length)) } }],
    ['bad', 'POST', `${url}/unlock`, { confirm: true, reason: canary }],
    ['bad', 'POST', `/api/v1/clients/${clientId}/notes`, { template: canary, fields }],
    ['bad', 'GET', `/api/v1/clients/${clientId}/notes?cursor=${canary}`],
    ['bad', 'GET', `/api/v1/notes?status=${canary}`],
    ['bad', 'GET', `/api/v1/notes/${canary}`],
    ['denied', 'PATCH', url, { fields: { plan: canary } }],
  ];
  for (const [expect, method, path, body] of calls) {
    const who = expect === 'denied' ? w.p.staff.associate : author;
    const r = await w.t.app.inject({
      method,
      url: path,
      headers: { 'sec-fetch-site': 'same-origin', cookie: who.cookie, 'x-note': canary },
      ...(body ? { payload: body } : {}),
    });
    const ok = expect === 'ok' ? r.statusCode < 300 : r.statusCode >= 400 && r.statusCode < 500;
    assert.ok(ok, `${method} ${path.slice(0, 60)}: ${r.statusCode} ${r.body.slice(0, 200)}`);
  }
  await assertCanaryNowhere(w.t, canary);
});
