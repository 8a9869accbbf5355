import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../../testing/practice.ts';
import { auditOf, draftNote, notesWorld, SOAP, type NotesWorld } from '../fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

interface NoteAnswer {
  version: number;
  fields: Record<string, unknown>;
}

describe('saving a draft', () => {
  test('a partial save replaces only the fields sent, and each save adds a version', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.staff.associate, 'PATCH', `/api/v1/notes/${id}`, {
      fields: { plan: 'Biweekly sessions from now on.' },
      expectedVersion: 1,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json<NoteAnswer>().version, 2);
    assert.ok(!('fields' in r.json<object>()), 'a save answers the header only');
    const read = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`);
    assert.deepEqual(read.json<NoteAnswer>().fields, {
      ...SOAP,
      plan: 'Biweekly sessions from now on.',
    });
    const saves = (await auditOf(w, 'note.update')).filter((a) => a.subject_id === id);
    assert.deepEqual(saves.at(-1)?.detail, { version: 2, fieldsChanged: 1, previousKept: false });
  });

  test('two tabs: a save against an older version answers 409 version_conflict and changes nothing', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const url = `/api/v1/notes/${id}`;
    assert.equal(
      (
        await callAs(w.t, w.p.staff.associate, 'PATCH', url, {
          fields: { plan: 'Tab A' },
          expectedVersion: 1,
        })
      ).statusCode,
      200,
    );
    const stale = await callAs(w.t, w.p.staff.associate, 'PATCH', url, {
      fields: { plan: 'Tab B' },
      expectedVersion: 1,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json<{ error: { code: string } }>().error.code, 'version_conflict');
    const read = await callAs(w.t, w.p.staff.associate, 'GET', url);
    assert.equal(read.json<NoteAnswer>().fields.plan, 'Tab A');
    assert.equal(read.json<NoteAnswer>().version, 2);
    const denied = (await auditOf(w, 'note.update')).filter(
      (a) => a.subject_id === id && a.outcome === 'denied',
    );
    assert.deepEqual(
      denied.map((d) => d.detail),
      [{ reason: 'version_conflict' }],
    );
  });

  test('bad fields are refused; only the author edits; another practice gets 404; nothing changes', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const url = `/api/v1/notes/${id}`;
    const bad = await callAs(w.t, w.p.staff.associate, 'PATCH', url, {
      fields: { data: 'dap field' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal((await callAs(w.t, w.p.staff.associate, 'PATCH', url, {})).statusCode, 400);
    const bySupervisor = await callAs(w.t, w.p.staff.supervisor, 'PATCH', url, {
      fields: { plan: 'x' },
    });
    assert.equal(bySupervisor.statusCode, 403);
    assert.equal(bySupervisor.json<{ error: { code: string } }>().error.code, 'not_your_note');
    const byBiller = await callAs(w.t, w.p.staff.biller, 'PATCH', url, { fields: { plan: 'x' } });
    assert.equal(byBiller.statusCode, 403);
    const outsider = await callAs(w.t, w.other.staff.admin, 'PATCH', url, {
      fields: { plan: 'x' },
    });
    assert.equal(outsider.statusCode, 404);
    const read = await callAs(w.t, w.p.staff.associate, 'GET', url);
    assert.deepEqual(read.json<NoteAnswer>().fields, SOAP);
    assert.equal(read.json<NoteAnswer>().version, 1);
    const denied = (await auditOf(w, 'note.update')).filter(
      (a) => a.subject_id === id && a.outcome === 'denied',
    );
    assert.deepEqual(
      denied.map((d) => d.actor_user_id),
      [w.p.staff.supervisor.userId],
    );
  });
});
