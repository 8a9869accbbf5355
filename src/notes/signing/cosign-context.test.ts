import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addStaffMember, callAs, type StaffMember } from '../../testing/practice.ts';
import {
  addClient,
  auditOf,
  notesWorld,
  signedNote,
  supervise,
  type NotesWorld,
} from '../fixture.ts';

let w: NotesWorld;
/** A supervisor of nobody in this world. */
let stranger: StaffMember;
before(async () => {
  w = await notesWorld();
  stranger = await addStaffMember(w.t, w.p.practiceId, 'supervisor', 'stranger');
});
after(() => w.t.close());

const nameOf = async (who: StaffMember) =>
  (await callAs(w.t, who, 'GET', '/api/v1/me')).json<{ user: { name: string } }>().user.name;

interface NoteAnswer {
  authorName?: string;
  clientName?: string;
  clientChart?: boolean;
  signature: { name?: string; credentials: string | null } | null;
}

describe('co-signing with context', () => {
  test("the note names its client and author, and the signer by name, for the author's supervisor", async () => {
    const id = await signedNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.staff.supervisor, 'GET', `/api/v1/notes/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    const note = r.json<NoteAnswer>();
    assert.equal(note.clientName, 'Quinn Notes');
    const author = await nameOf(w.p.staff.associate);
    assert.equal(note.authorName, author);
    assert.equal(note.signature?.name, author);
    assert.equal(note.clientChart, true);
  });

  test("a supervisor opens the chart of a supervisee's client, through the one rule (audited as supervision)", async () => {
    const r = await callAs(w.t, w.p.staff.supervisor, 'GET', `/api/v1/clients/${w.clientId}/chart`);
    assert.equal(r.statusCode, 200, r.body);
    const client = await callAs(w.t, w.p.staff.supervisor, 'GET', `/api/v1/clients/${w.clientId}`);
    assert.equal(client.statusCode, 200, client.body);
    const list = await callAs(w.t, w.p.staff.supervisor, 'GET', '/api/v1/clients?search=Quinn');
    assert.ok(list.json<{ items: { id: string }[] }>().items.some((c) => c.id === w.clientId));
  });

  test('a supervisor of someone else, and an associate, still cannot: 403, audited as denied', async () => {
    for (const who of [stranger, w.p.secondAssociate]) {
      const r = await callAs(w.t, who, 'GET', `/api/v1/clients/${w.clientId}/chart`);
      assert.equal(r.statusCode, 403, `${who.role}: ${r.body}`);
      assert.equal(r.json<{ error: { code: string } }>().error.code, 'not_your_client');
    }
    const denied = (await auditOf(w, 'client.read')).filter(
      (a) => a.outcome === 'denied' && a.client_id === w.clientId,
    );
    assert.deepEqual(
      denied.map((d) => d.actor_user_id).sort(),
      [stranger.userId, w.p.secondAssociate.userId].sort(),
    );
  });

  test('supervision ends with the supervision: no chart once the associate has another supervisor', async () => {
    const clientId = await addClient(w.t, w.p, [w.p.secondAssociate]);
    await supervise(w.t, w.p, w.p.secondAssociate, stranger);
    const during = await callAs(w.t, stranger, 'GET', `/api/v1/clients/${clientId}/chart`);
    assert.equal(during.statusCode, 200, during.body);
    await supervise(w.t, w.p, w.p.secondAssociate, null);
    const afterwards = await callAs(w.t, stranger, 'GET', `/api/v1/clients/${clientId}/chart`);
    assert.equal(afterwards.statusCode, 403);
  });
});
