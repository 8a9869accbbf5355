import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../testing/practice.ts';
import { auditOf, notesWorld, signedNote, SOAP, type NotesWorld } from './fixture.ts';

// The biller and the front desk never receive note text (DESIGN.md invariant 5): every note
// route refuses them, and no answer they get carries a field of a note.
let w: NotesWorld;
let noteId = '';
before(async () => {
  w = await notesWorld();
  noteId = await signedNote(w, w.p.staff.associate);
  const r = await callAs(w.t, w.p.staff.supervisor, 'POST', `/api/v1/notes/${noteId}/addenda`, {
    text: 'Addendum text that must stay clinical.',
  });
  assert.equal(r.statusCode, 201, r.body);
});
after(() => w.t.close());

const routes = (): [method: 'GET' | 'POST' | 'PATCH', url: string, body?: object][] => [
  ['GET', '/api/v1/note-templates'],
  ['GET', `/api/v1/clients/${w.clientId}/notes`],
  ['POST', `/api/v1/clients/${w.clientId}/notes`, { template: 'soap', fields: SOAP }],
  ['GET', '/api/v1/notes?status=draft'],
  ['GET', `/api/v1/notes?authorId=${w.p.staff.associate.userId}`],
  ['GET', '/api/v1/notes/cosign-queue'],
  ['GET', `/api/v1/notes/${noteId}`],
  ['PATCH', `/api/v1/notes/${noteId}`, { fields: { plan: 'x' } }],
  ['POST', `/api/v1/notes/${noteId}/sign`],
  ['POST', `/api/v1/notes/${noteId}/unlock`, { confirm: true, reason: 'Needs a correction now' }],
  ['POST', `/api/v1/notes/${noteId}/cosign`],
  ['POST', `/api/v1/notes/${noteId}/addenda`, { text: 'More text' }],
  ['GET', `/api/v1/notes/${noteId}/versions`],
  ['GET', `/api/v1/notes/${noteId}/versions/1`],
];

describe('minimum necessary: billing and front desk', () => {
  for (const role of ['biller', 'front_desk'] as const) {
    test(`the ${role} gets 403 on every note route, audited, and never a note's text`, async () => {
      const who = w.p.staff[role];
      const before = (await auditOf(w, 'auth.access.denied')).length;
      for (const [method, url, body] of routes()) {
        const r = await callAs(w.t, who, method, url, body);
        assert.equal(r.statusCode, 403, `${method} ${url}: ${r.body}`);
        for (const text of [...Object.values(SOAP), 'Addendum text'])
          assert.ok(!r.body.includes(text));
        assert.ok(!r.body.includes('"fields"'));
      }
      const refusals = (await auditOf(w, 'auth.access.denied')).slice(before);
      assert.equal(refusals.length, routes().length);
      assert.ok(refusals.every((a) => a.actor_user_id === who.userId));
      // What the client record gives them holds no note either.
      const client = await callAs(w.t, who, 'GET', `/api/v1/clients/${w.clientId}`);
      assert.equal(client.statusCode, 200);
      for (const text of Object.values(SOAP)) assert.ok(!client.body.includes(text));
    });
  }
});
