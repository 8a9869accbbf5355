import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { callAs } from '../../testing/practice.ts';
import { EDIT_SESSION_MINUTES } from '../queries.ts';
import { auditOf, draftNote, notesWorld, SOAP, type NotesWorld } from '../fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

interface Entry {
  n: number;
  kind: string;
  actorId: string;
  at: string;
  startedAt: string | null;
  version: number;
}

const save = (id: string, plan: string) =>
  callAs(w.t, w.p.staff.associate, 'PATCH', `/api/v1/notes/${id}`, { fields: { plan } });
const entries = async (id: string, who = w.p.staff.associate) => {
  const r = await callAs(w.t, who, 'GET', `/api/v1/notes/${id}/versions`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ items: Entry[] }>().items;
};
/** Moves the open editing session's start back, as if the author had paused that long. */
const pause = (id: string, minutes: number) =>
  w.t.db.withPractice(w.p.practiceId, (tx) =>
    sql`update notes set draft_opened_at = draft_opened_at - make_interval(mins => ${minutes})
         where id = ${id}`.execute(tx),
  );

describe('version history of a draft', () => {
  test('autosaves within one editing session are one version: no history entries pile up', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    for (let i = 1; i <= 20; i++) assert.equal((await save(id, `Draft plan ${i}`)).statusCode, 200);
    assert.deepEqual(await entries(id), []);
    const read = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`);
    assert.equal(read.json<{ version: number }>().version, 21);
  });

  test('the first save after a session ended keeps that session’s content as a version', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    await save(id, 'Plan as of the morning');
    await pause(id, EDIT_SESSION_MINUTES + 1);
    const r = await save(id, 'Plan as of the afternoon');
    assert.deepEqual(r.json<{ version: number }>().version, 3);
    const list = await entries(id);
    assert.equal(list.length, 1);
    assert.deepEqual(
      { n: list[0]!.n, kind: list[0]!.kind, version: list[0]!.version, actor: list[0]!.actorId },
      { n: 1, kind: 'edit', version: 2, actor: w.p.staff.associate.userId },
    );
    assert.ok(list[0]!.startedAt && list[0]!.startedAt < list[0]!.at);
    const kept = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}/versions/1`);
    assert.equal(kept.statusCode, 200, kept.body);
    assert.deepEqual(kept.json<{ fields: object }>().fields, {
      ...SOAP,
      plan: 'Plan as of the morning',
    });
    // The new session coalesces in its turn.
    await save(id, 'Plan, revised again');
    assert.equal((await entries(id)).length, 1);
    const saves = (await auditOf(w, 'note.update')).filter((a) => a.subject_id === id);
    assert.deepEqual(
      saves.map((s) => (s.detail as { previousKept: boolean }).previousKept),
      [false, true, false],
    );
  });

  test('reading versions is audited; others get 403, another practice 404, an unknown n 404', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    await pause(id, EDIT_SESSION_MINUTES + 1);
    await save(id, 'Second session');
    await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}/versions/1`);
    const reads = (await auditOf(w, 'note.version.read')).filter((a) => a.subject_id === id);
    assert.deepEqual(
      reads.map((r) => r.detail),
      [{ n: 1, kind: 'edit' }],
    );
    const lists = (await auditOf(w, 'note.version.list')).filter((a) => a.subject_id === id);
    assert.equal(lists.length, 0);
    await entries(id, w.p.staff.supervisor);
    const bySupervisor = (await auditOf(w, 'note.version.list')).filter((a) => a.subject_id === id);
    assert.deepEqual(
      bySupervisor.map((r) => r.detail),
      [{ count: 1, supervision: true }],
    );
    for (const url of [`/api/v1/notes/${id}/versions`, `/api/v1/notes/${id}/versions/1`]) {
      assert.equal((await callAs(w.t, w.p.secondAssociate, 'GET', url)).statusCode, 403);
      assert.equal((await callAs(w.t, w.p.staff.biller, 'GET', url)).statusCode, 403);
      assert.equal((await callAs(w.t, w.other.staff.admin, 'GET', url)).statusCode, 404);
    }
    const missing = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}/versions/9`);
    assert.equal(missing.statusCode, 404);
    const bad = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}/versions/0`);
    assert.equal(bad.statusCode, 400);
  });
});
