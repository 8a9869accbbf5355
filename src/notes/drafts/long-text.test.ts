import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../../testing/practice.ts';
import { draftNote, notesWorld, SOAP, type NotesWorld } from '../fixture.ts';
import { TEXT_MAX } from './templates.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

interface NoteAnswer {
  version: number;
  fields: Record<string, string>;
}

/** Text of exactly `n` characters, in words, with non-ASCII letters (3 bytes each in UTF-8). */
const prose = (n: number) => 'Das Gespräch über Schlaf — ’quoted’. '.repeat(n).slice(0, n);

describe('long note text', () => {
  test('an intake narrative of 200,000 characters per field is saved whole, every field at once', async () => {
    assert.equal(TEXT_MAX, 200_000);
    const long = prose(TEXT_MAX);
    const fields = {
      presentingProblem: long,
      history: long,
      mentalStatus: long,
      riskAssessment: long,
      diagnosticImpressions: long,
      plan: long,
    };
    const created = await callAs(
      w.t,
      w.p.staff.associate,
      'POST',
      `/api/v1/clients/${w.clientId}/notes`,
      {
        template: 'intake',
        fields,
      },
    );
    assert.equal(created.statusCode, 201, created.body.slice(0, 300));
    const id = created.json<{ id: string }>().id;
    const patched = await callAs(w.t, w.p.staff.associate, 'PATCH', `/api/v1/notes/${id}`, {
      fields,
    });
    assert.equal(patched.statusCode, 200, patched.body.slice(0, 300));
    const read = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`);
    assert.equal(read.json<NoteAnswer>().fields.history, long);
  });

  test('one character more is refused with a 400 that names the field and the limit; nothing is cut or saved', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.staff.associate, 'PATCH', `/api/v1/notes/${id}`, {
      fields: { subjective: prose(TEXT_MAX + 1) },
      expectedVersion: 1,
    });
    assert.equal(r.statusCode, 400);
    const error = r.json<{ error: { code: string; message: string } }>().error;
    assert.equal(error.code, 'text_too_long');
    assert.match(error.message, /Subjective/);
    assert.match(error.message, /200,000 characters/);
    const read = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`);
    assert.deepEqual(read.json<NoteAnswer>().fields, SOAP);
    assert.equal(read.json<NoteAnswer>().version, 1);
  });

  test('an addendum may be as long as a note field', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    assert.equal(
      (await callAs(w.t, w.p.staff.associate, 'POST', `/api/v1/notes/${id}/sign`)).statusCode,
      200,
    );
    const r = await callAs(w.t, w.p.staff.associate, 'POST', `/api/v1/notes/${id}/addenda`, {
      text: prose(TEXT_MAX),
    });
    assert.equal(r.statusCode, 201, r.body.slice(0, 300));
  });
});
