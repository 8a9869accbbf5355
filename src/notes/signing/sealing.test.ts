import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { asSuperuser } from '../../testing/superuser.ts';
import { callAs } from '../../testing/practice.ts';
import { addClient, draftNote, notesWorld, signedNote, type NotesWorld } from '../fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

const FIELDS = {
  subjective: 'Mentions the lighthouse dream again',
  objective: 'Tearful when speaking of Marguerite',
  assessment: 'Grief reaction, uncomplicated',
  plan: 'Continue grief work fortnightly',
};
const REASON = 'Wrong client chosen: belongs to Bartholomew';
const ADDENDUM = 'Phoned the pharmacy about sertraline';

describe('note text is sealed in the database', () => {
  test('every sealed column holds hf1. values with none of the text in them', async () => {
    const clientId = await addClient(w.t, w.p, [w.p.staff.supervisor]);
    const id = await signedNote(w, w.p.staff.supervisor, clientId);
    const author = w.p.staff.supervisor;
    // Real content: replace the fixture's with distinctive text, then sign, unlock, addendum.
    await callAs(w.t, w.p.staff.admin, 'POST', `/api/v1/notes/${id}/unlock`, {
      confirm: true,
      reason: REASON,
    });
    const saved = await callAs(w.t, author, 'PATCH', `/api/v1/notes/${id}`, { fields: FIELDS });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((await callAs(w.t, author, 'POST', `/api/v1/notes/${id}/sign`)).statusCode, 200);
    const add = await callAs(w.t, author, 'POST', `/api/v1/notes/${id}/addenda`, {
      text: ADDENDUM,
    });
    assert.equal(add.statusCode, 201, add.body);

    const raw = await asSuperuser(w.t.database, async (db) => {
      const { rows } = await sql<{ value: string | null }>`
        select fields_sealed as value from notes where id = ${id}
        union all select fields_sealed from note_versions where note_id = ${id}
        union all select reason_sealed from note_versions where note_id = ${id}
        union all select text_sealed from note_addenda where note_id = ${id}`.execute(db);
      return rows.map((r) => r.value).filter((v): v is string => v !== null);
    });
    // The note, two signed contents, one reason, one addendum.
    assert.equal(raw.length, 5);
    const secrets = [...Object.values(FIELDS), REASON, ADDENDUM].flatMap((s) => s.split(' '));
    for (const value of raw) {
      assert.match(value, /^hf1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/);
      for (const word of secrets.filter((s) => s.length > 5))
        assert.ok(!value.includes(word), word);
    }
    const read = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}`);
    assert.deepEqual(read.json<{ fields: object }>().fields, FIELDS);
  });

  test('a ciphertext copied from one note to another is refused, never shown as garbage', async () => {
    const from = await draftNote(w, w.p.staff.associate, w.clientId, FIELDS);
    const to = await draftNote(w, w.p.staff.associate);
    // Both drafts, so the lock does not stand in the way: the row-bound AAD must.
    await w.t.db.withPractice(w.p.practiceId, (tx) =>
      sql`update notes set fields_sealed = (select fields_sealed from notes where id = ${from})
           where id = ${to}`.execute(tx),
    );
    const r = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${to}`);
    assert.equal(r.statusCode, 500);
    const error = r.json<{ error: { code: string; message: string } }>().error;
    assert.equal(error.code, 'sealed_value_unreadable');
    assert.match(error.message, /integrity check/);
    for (const text of Object.values(FIELDS)) assert.ok(!r.body.includes(text));
    // A save that needs the old content is refused the same way, and writes nothing.
    const save = await callAs(w.t, w.p.staff.associate, 'PATCH', `/api/v1/notes/${to}`, {
      fields: { plan: 'x' },
    });
    assert.equal(save.statusCode, 500);
    assert.ok(!w.t.logs.text().includes(FIELDS.plan));
    const original = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${from}`);
    assert.deepEqual(original.json<{ fields: object }>().fields, FIELDS);
  });
});
