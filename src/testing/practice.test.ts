import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from './app.ts';
import { callAs, staffedPractice } from './practice.ts';
test('staffedPractice: one full session per role, in a practice of its own', async () => {
  const t = await testApp();
  const p = await staffedPractice(t);
  const q = await staffedPractice(t);
  for (const m of Object.values(p.staff)) {
    const r = await callAs(t, m, 'GET', '/api/v1/me');
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().user.role, m.role);
    assert.equal(r.json().practice.id, p.practiceId);
  }
  assert.notEqual(p.practiceId, q.practiceId);
  const r = await callAs(t, q.staff.admin, 'GET', '/api/v1/users');
  assert.equal(r.json().items.length, 6);
  await t.close();
});
