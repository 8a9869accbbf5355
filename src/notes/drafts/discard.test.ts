import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../../testing/practice.ts';
import {
  auditOf,
  countRows,
  draftNote,
  notesWorld,
  signedNote,
  type NotesWorld,
} from '../fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

const errorCode = (r: { json: <T>() => T }) => r.json<{ error: { code: string } }>().error.code;
const discard = (id: string, who = w.p.staff.associate) =>
  callAs(w.t, who, 'DELETE', `/api/v1/notes/${id}`);
const read = (id: string) => callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`);

/** Ends the draft's editing session, so that the next save keeps its content as a version. */
const endSession = (id: string) =>
  w.t.db.withPractice(w.p.practiceId, (tx) =>
    sql`update notes set draft_opened_at = now() - interval '1 hour' where id = ${id}`.execute(tx),
  );

describe('discarding a draft', () => {
  test('its author discards an empty draft: gone from reads and lists, audited with no text', async () => {
    const id = await draftNote(w, w.p.staff.associate, w.clientId, {});
    const r = await discard(id);
    assert.equal(r.statusCode, 204, r.body);
    assert.equal((await read(id)).statusCode, 404);
    const drafts = await callAs(w.t, w.p.staff.associate, 'GET', '/api/v1/notes?status=draft');
    assert.ok(!drafts.json<{ items: { id: string }[] }>().items.some((n) => n.id === id));
    const rows = (await auditOf(w, 'note.discard')).filter((a) => a.subject_id === id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.outcome, 'success');
    assert.equal(rows[0]?.client_id, w.clientId);
    assert.deepEqual(rows[0]?.detail, {
      template: 'soap',
      version: 1,
      versionsKept: 0,
      hadText: false,
    });
  });

  test('a draft with text and earlier versions goes with its versions', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    await endSession(id);
    const saved = await callAs(w.t, w.p.staff.associate, 'PATCH', `/api/v1/notes/${id}`, {
      fields: { plan: 'A second session of writing.' },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const versions = await countRows(w, 'note_versions');
    assert.equal((await discard(id)).statusCode, 204);
    assert.equal(await countRows(w, 'note_versions'), versions - 1);
    const row = (await auditOf(w, 'note.discard')).find((a) => a.subject_id === id);
    assert.deepEqual(row?.detail, { template: 'soap', version: 2, versionsKept: 1, hadText: true });
  });

  test('a signed note, and one signed before and unlocked, are never discarded: 409, untouched', async () => {
    const signed = await signedNote(w, w.p.staff.associate);
    const before = await read(signed);
    const r = await discard(signed);
    assert.equal(r.statusCode, 409);
    assert.equal(errorCode(r), 'note_locked');
    assert.deepEqual((await read(signed)).json(), before.json());

    const unlocked = await signedNote(w, w.p.staff.associate);
    const cosigned = await callAs(
      w.t,
      w.p.staff.supervisor,
      'POST',
      `/api/v1/notes/${unlocked}/cosign`,
    );
    assert.equal(cosigned.statusCode, 200, cosigned.body);
    const u = await callAs(w.t, w.p.staff.supervisor, 'POST', `/api/v1/notes/${unlocked}/unlock`, {
      confirm: true,
      reason: 'Wrong date of service recorded',
    });
    assert.equal(u.statusCode, 200, u.body);
    const again = await discard(unlocked);
    assert.equal(again.statusCode, 409);
    assert.equal(errorCode(again), 'note_was_signed');
    assert.equal((await read(unlocked)).statusCode, 200);
    const denied = (await auditOf(w, 'note.discard')).filter(
      (a) => a.outcome === 'denied' && [signed, unlocked].includes(a.subject_id ?? ''),
    );
    assert.deepEqual(
      denied.map((d) => d.detail),
      [{ reason: 'note_locked' }, { reason: 'note_was_signed' }],
    );
  });

  test('the database keeps a signed note and its history even if the server asked', async () => {
    const id = await signedNote(w, w.p.staff.associate);
    await assert.rejects(
      w.t.db.withPractice(w.p.practiceId, async (tx) => {
        await sql`select set_config('hearth.discarding', ${id}, true)`.execute(tx);
        await sql`delete from note_versions where note_id = ${id}`.execute(tx);
      }),
      /append-only/,
    );
    await assert.rejects(
      w.t.db.withPractice(w.p.practiceId, (tx) =>
        sql`delete from notes where id = ${id}`.execute(tx),
      ),
      /cannot be deleted/,
    );
    assert.equal((await read(id)).statusCode, 200);
  });

  test('only the author: a supervisor 403, a biller 403, another practice 404; the draft stays', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const bySupervisor = await discard(id, w.p.staff.supervisor);
    assert.equal(bySupervisor.statusCode, 403);
    assert.equal(errorCode(bySupervisor), 'not_your_note');
    assert.equal((await discard(id, w.p.staff.biller)).statusCode, 403);
    assert.equal((await discard(id, w.other.staff.admin)).statusCode, 404);
    assert.equal((await read(id)).statusCode, 200);
  });
});
