import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../testing/practice.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { addClient, auditOf, plansWorld, type PlansWorld } from './fixture.ts';

let w: PlansWorld;
before(async () => {
  w = await plansWorld();
});
after(() => w.t.close());

describe('a safety plan as a PDF', () => {
  test('every step, who wrote it and when; audited as an export; others refused', async () => {
    const clientId = await addClient(w, [w.p.staff.associate]);
    const created = await callAs(
      w.t,
      w.p.staff.associate,
      'POST',
      `/api/v1/clients/${clientId}/safety-plans`,
      {
        warningSigns: ['Not sleeping for days'],
        reasonsForLiving: ['My daughter'],
      },
    );
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<{ id: string }>().id;
    const r = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/safety-plans/${id}/pdf`);
    assert.equal(r.statusCode, 200, r.body.slice(0, 200));
    assert.equal(r.headers['content-type'], 'application/pdf');
    const text = pdfText(r.rawPayload);
    for (const expected of [
      'Safety plan',
      'For Sam Plans',
      'Step 1: Warning signs',
      'Not sleeping for days',
      'My daughter',
      '988 Suicide & Crisis Lifeline',
      'By associate',
    ]) {
      assert.ok(text.includes(expected), `the PDF shows "${expected}"`);
    }
    const rows = (await auditOf(w, 'safety_plan.export')).filter((a) => a.subject_id === id);
    assert.equal(rows.length, 1);
    const url = `/api/v1/safety-plans/${id}/pdf`;
    assert.equal((await callAs(w.t, w.p.staff.front_desk, 'GET', url)).statusCode, 403);
    assert.equal((await callAs(w.t, w.other.staff.admin, 'GET', url)).statusCode, 404);
  });
});
