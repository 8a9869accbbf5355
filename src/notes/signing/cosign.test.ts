import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../../testing/practice.ts';
import {
  addClient,
  auditOf,
  draftNote,
  notesWorld,
  signedNote,
  supervise,
  type NotesWorld,
} from '../fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

interface Header {
  id: string;
  status: string;
  cosignRequired: boolean;
  signature: { signedBy: string; sha256: string } | null;
  cosignature: { signedBy: string; credentials: string | null; sha256: string } | null;
}
const queueOf = async (who: typeof w.p.staff.admin) => {
  const r = await callAs(w.t, who, 'GET', '/api/v1/notes/cosign-queue');
  assert.equal(r.statusCode, 200, r.body);
  return r.json<{ items: Header[] }>().items.map((i) => i.id);
};
const cosign = (id: string, who = w.p.staff.supervisor) =>
  callAs(w.t, who, 'POST', `/api/v1/notes/${id}/cosign`);

describe('co-signature of associates’ notes', () => {
  test('an associate’s signed note waits for their supervisor, who finds it in their queue', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.staff.associate, 'POST', `/api/v1/notes/${id}/sign`);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json<Header>().status, 'pending_cosign');
    assert.equal(r.json<Header>().cosignRequired, true);
    assert.ok((await queueOf(w.p.staff.supervisor)).includes(id));
    // The queue names the author and the client, whom the supervisor may not look up alone.
    const listed = (await callAs(w.t, w.p.staff.supervisor, 'GET', '/api/v1/notes/cosign-queue'))
      .json<{ items: { id: string; authorName: string; clientName: string }[] }>()
      .items.find((i) => i.id === id);
    assert.match(listed?.authorName ?? '', /^associate /);
    assert.equal(listed?.clientName, 'Quinn Notes');
    // Pending co-signature is locked as well.
    const edit = await callAs(w.t, w.p.staff.associate, 'PATCH', `/api/v1/notes/${id}`, {
      fields: { plan: 'x' },
    });
    assert.equal(edit.statusCode, 409);
  });

  test('the supervisor co-signs: a second signature over the same hash, then off the queue', async () => {
    await callAs(w.t, w.p.staff.admin, 'PATCH', `/api/v1/users/${w.p.staff.supervisor.userId}`, {
      credentials: 'PhD, LP',
    });
    const id = await signedNote(w, w.p.staff.associate);
    const r = await cosign(id);
    assert.equal(r.statusCode, 200, r.body);
    const header = r.json<Header>();
    assert.equal(header.status, 'signed');
    assert.equal(header.cosignature?.signedBy, w.p.staff.supervisor.userId);
    assert.equal(header.cosignature?.credentials, 'PhD, LP');
    assert.equal(header.cosignature?.sha256, header.signature?.sha256);
    assert.ok(!(await queueOf(w.p.staff.supervisor)).includes(id));
    const kinds = (await callAs(w.t, w.p.staff.supervisor, 'GET', `/api/v1/notes/${id}/versions`))
      .json<{ items: { kind: string; actorId: string }[] }>()
      .items.map((e) => [e.kind, e.actorId]);
    assert.deepEqual(kinds, [
      ['sign', w.p.staff.associate.userId],
      ['cosign', w.p.staff.supervisor.userId],
    ]);
    const audited = (await auditOf(w, 'note.cosign')).filter((a) => a.subject_id === id);
    assert.equal(audited.length, 1);
    const again = await cosign(id);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json<{ error: { code: string } }>().error.code, 'not_awaiting_cosign');
  });

  test('only the author’s supervisor or an admin co-signs; the associate has no such right', async () => {
    // The second associate is supervised by the admin, not by the supervisor, whose care the
    // client is in: within reach, but not theirs to co-sign.
    await supervise(w.t, w.p, w.p.secondAssociate, w.p.staff.admin);
    const shared = await addClient(w.t, w.p, [w.p.secondAssociate, w.p.staff.supervisor]);
    const id = await signedNote(w, w.p.secondAssociate, shared);
    const wrong = await cosign(id);
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json<{ error: { code: string } }>().error.code, 'not_your_supervisee');
    const denied = (await auditOf(w, 'note.cosign')).filter((a) => a.subject_id === id);
    assert.deepEqual(
      denied.map((d) => [d.outcome, d.actor_user_id]),
      [['denied', w.p.staff.supervisor.userId]],
    );
    assert.equal((await cosign(id, w.p.staff.associate)).statusCode, 403);
    assert.equal((await cosign(id, w.other.staff.admin)).statusCode, 404);
    assert.ok(!(await queueOf(w.p.staff.supervisor)).includes(id));
    assert.ok((await queueOf(w.p.staff.admin)).includes(id));
    assert.equal((await cosign(id, w.p.staff.admin)).statusCode, 200);
  });

  test('a note whose author has no supervisor waits in the administrators’ queue', async () => {
    await supervise(w.t, w.p, w.p.secondAssociate, null);
    const id = await signedNote(w, w.p.secondAssociate, w.otherCareClientId);
    assert.ok((await queueOf(w.p.staff.admin)).includes(id));
    const supervisors = await queueOf(w.p.staff.supervisor);
    assert.ok(!supervisors.includes(id));
    const lists = await auditOf(w, 'note.list');
    assert.equal(lists.at(-1)?.actor_user_id, w.p.staff.supervisor.userId);
    assert.deepEqual(lists.at(-1)?.detail, { count: supervisors.length, queue: true });
  });

  test('with the practice setting off, an associate’s signature is final', async () => {
    const off = await callAs(w.t, w.p.staff.admin, 'PATCH', '/api/v1/practice', {
      cosignAssociateNotes: false,
    });
    assert.equal(off.statusCode, 200, off.body);
    const id = await draftNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.staff.associate, 'POST', `/api/v1/notes/${id}/sign`);
    assert.equal(r.json<Header>().status, 'signed');
    assert.equal(r.json<Header>().cosignRequired, false);
    await callAs(w.t, w.p.staff.admin, 'PATCH', '/api/v1/practice', { cosignAssociateNotes: true });
  });

  test('biller and front desk cannot see the queue', async () => {
    for (const who of [w.p.staff.biller, w.p.staff.front_desk, w.p.staff.associate]) {
      const r = await callAs(w.t, who, 'GET', '/api/v1/notes/cosign-queue');
      assert.equal(r.statusCode, 403);
    }
  });
});

describe('addenda', () => {
  test('an addendum to a signed note is sealed, signed on creation and listed with the note', async () => {
    const clientId = await addClient(w.t, w.p, [w.p.staff.supervisor]);
    const id = await signedNote(w, w.p.staff.supervisor, clientId);
    const text = 'Client called after the session to report a medication change.';
    const r = await callAs(w.t, w.p.staff.supervisor, 'POST', `/api/v1/notes/${id}/addenda`, {
      text,
    });
    assert.equal(r.statusCode, 201, r.body);
    const addendum = r.json<{ id: string; signature: { sha256: string; signedBy: string } }>();
    assert.match(addendum.signature.sha256, /^[0-9a-f]{64}$/);
    const read = await callAs(w.t, w.p.staff.supervisor, 'GET', `/api/v1/notes/${id}`);
    const note = read.json<{ status: string; addenda: { id: string; text: string }[] }>();
    assert.equal(note.status, 'signed');
    assert.deepEqual(
      note.addenda.map((a) => [a.id, a.text]),
      [[addendum.id, text]],
    );
    const entries = (
      await callAs(w.t, w.p.staff.supervisor, 'GET', `/api/v1/notes/${id}/versions`)
    ).json<{ items: { kind: string; addendumId: string | null }[] }>().items;
    assert.deepEqual(entries.at(-1), {
      ...entries.at(-1),
      kind: 'addendum',
      addendumId: addendum.id,
    });
    const audited = (await auditOf(w, 'note.addendum.create')).filter((a) => a.subject_id === id);
    assert.equal(audited.length, 1);
    assert.ok(!JSON.stringify(audited).includes('medication'));
  });

  test('a draft takes no addendum (409); the biller 403; another practice 404', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const url = `/api/v1/notes/${id}/addenda`;
    const draft = await callAs(w.t, w.p.staff.associate, 'POST', url, { text: 'More.' });
    assert.equal(draft.statusCode, 409);
    assert.equal(
      (await callAs(w.t, w.p.staff.biller, 'POST', url, { text: 'More.' })).statusCode,
      403,
    );
    assert.equal(
      (await callAs(w.t, w.other.staff.admin, 'POST', url, { text: 'More.' })).statusCode,
      404,
    );
    assert.equal(
      (await callAs(w.t, w.p.staff.associate, 'POST', url, { text: ' ' })).statusCode,
      400,
    );
    const read = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`);
    assert.deepEqual(read.json<{ addenda: unknown[] }>().addenda, []);
  });
});
