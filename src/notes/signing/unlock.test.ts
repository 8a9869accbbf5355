import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs, type StaffMember } from '../../testing/practice.ts';
import {
  addClient,
  auditOf,
  countRows,
  draftNote,
  notesWorld,
  SOAP,
  type NotesWorld,
} from '../fixture.ts';

let w: NotesWorld;
let author: StaffMember;
let clientId = '';

before(async () => {
  w = await notesWorld();
  // The supervisor writes these notes: no co-signature applies to them (see cosign.test.ts).
  author = w.p.staff.supervisor;
  clientId = await addClient(w.t, w.p, [author]);
});
after(() => w.t.close());

interface Header {
  status: string;
  signature: { sha256: string } | null;
}
interface Entry {
  n: number;
  kind: string;
  actorId: string;
  sha256: string | null;
}

const sign = (id: string, who = author) => callAs(w.t, who, 'POST', `/api/v1/notes/${id}/sign`);
const history = async (id: string) =>
  (await callAs(w.t, author, 'GET', `/api/v1/notes/${id}/versions`)).json<{ items: Entry[] }>()
    .items;
const errorCode = (r: { json: <T>() => T }) => r.json<{ error: { code: string } }>().error.code;

describe('unlocking a note', () => {
  test('without confirm or a reason: 400 saying what is needed, nothing written', async () => {
    const id = await draftNote(w, author, clientId);
    await sign(id);
    const before = await countRows(w, 'note_versions');
    for (const body of [
      {},
      { confirm: true },
      { reason: 'A good long reason' },
      { confirm: false, reason: 'A good long reason' },
      { confirm: true, reason: 'short' },
    ]) {
      const r = await callAs(w.t, w.p.staff.admin, 'POST', `/api/v1/notes/${id}/unlock`, body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.equal(errorCode(r), 'unlock_needs_reason');
      assert.match(
        r.json<{ error: { message: string } }>().error.message,
        /"confirm": true and a "reason"/,
      );
    }
    assert.equal(await countRows(w, 'note_versions'), before);
  });

  test('an associate gets 403 (audited); another practice 404; a draft 409', async () => {
    const id = await draftNote(w, author, clientId);
    const body = { confirm: true, reason: 'Wrong date of service recorded' };
    const draft = await callAs(w.t, w.p.staff.admin, 'POST', `/api/v1/notes/${id}/unlock`, body);
    assert.equal(draft.statusCode, 409);
    assert.equal(errorCode(draft), 'not_signed');
    await sign(id);
    const r = await callAs(w.t, w.p.staff.associate, 'POST', `/api/v1/notes/${id}/unlock`, body);
    assert.equal(r.statusCode, 403);
    const refusals = await auditOf(w, 'auth.access.denied');
    assert.equal(refusals.at(-1)?.actor_user_id, w.p.staff.associate.userId);
    const outsider = await callAs(
      w.t,
      w.other.staff.admin,
      'POST',
      `/api/v1/notes/${id}/unlock`,
      body,
    );
    assert.equal(outsider.statusCode, 404);
    const read = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}`);
    assert.equal(read.json<Header>().status, 'signed');
  });

  test('unlock → edit → sign again: both signatures and the sealed reason stay in the history', async () => {
    const id = await draftNote(w, author, clientId);
    const first = (await sign(id)).json<Header>().signature!.sha256;
    const reason = 'Plan was recorded for the wrong client';
    const unlocked = await callAs(w.t, w.p.staff.admin, 'POST', `/api/v1/notes/${id}/unlock`, {
      confirm: true,
      reason,
    });
    assert.equal(unlocked.statusCode, 200, unlocked.body);
    assert.equal(unlocked.json<Header>().status, 'draft');
    assert.equal(unlocked.json<Header>().signature, null);
    const edit = await callAs(w.t, author, 'PATCH', `/api/v1/notes/${id}`, {
      fields: { plan: 'Corrected plan' },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const second = (await sign(id)).json<Header>().signature!.sha256;
    assert.notEqual(second, first);
    const entries = await history(id);
    assert.deepEqual(
      entries.map((e) => [e.n, e.kind, e.sha256]),
      [
        [1, 'sign', first],
        [2, 'unlock', null],
        [3, 'sign', second],
      ],
    );
    assert.equal(entries[1]!.actorId, w.p.staff.admin.userId);
    const entry = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}/versions/2`);
    assert.equal(entry.json<{ reason: string }>().reason, reason);
    const firstSigned = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}/versions/1`);
    assert.equal(firstSigned.json<{ fields: { plan: string } }>().fields.plan, SOAP.plan);
    const unlocks = (await auditOf(w, 'note.unlock')).filter((a) => a.subject_id === id);
    assert.deepEqual(
      unlocks.map((u) => u.detail),
      [{ from: 'signed', version: 1 }],
    );
    assert.ok(!JSON.stringify(unlocks).includes(reason));
  });
});
