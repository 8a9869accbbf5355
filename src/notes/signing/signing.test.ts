import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { asSuperuser } from '../../testing/superuser.ts';
import { callAs, type StaffMember } from '../../testing/practice.ts';
import { sha256Canonical } from './content-hash.ts';
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
  const r = await callAs(w.t, w.p.staff.admin, 'PATCH', `/api/v1/users/${author.userId}`, {
    credentials: 'LCSW',
  });
  assert.equal(r.statusCode, 200, r.body);
});
after(() => w.t.close());

interface Header {
  id: string;
  status: string;
  version: number;
  dateOfService: string;
  signature: {
    signedBy: string;
    credentials: string | null;
    signedAt: string;
    sha256: string;
  } | null;
}
interface Entry {
  n: number;
  kind: string;
  actorId: string;
  sha256: string | null;
  credentials: string | null;
}

const sign = (id: string, who = author) => callAs(w.t, who, 'POST', `/api/v1/notes/${id}/sign`);
const history = async (id: string) =>
  (await callAs(w.t, author, 'GET', `/api/v1/notes/${id}/versions`)).json<{ items: Entry[] }>()
    .items;
const errorCode = (r: { json: <T>() => T }) => r.json<{ error: { code: string } }>().error.code;

/** As the app's own role, in the note's practice: what a bug in Hearth's code could do. */
const asApp = (statement: ReturnType<typeof sql>) =>
  w.t.db.withPractice(w.p.practiceId, (tx) => statement.execute(tx));

describe('signing a note', () => {
  test('records signer, credentials, time and the SHA-256 of the canonical content, and keeps it', async () => {
    const id = await draftNote(w, author, clientId);
    const r = await sign(id);
    assert.equal(r.statusCode, 200, r.body);
    const header = r.json<Header>();
    assert.equal(header.status, 'signed');
    assert.equal(header.signature?.signedBy, author.userId);
    assert.equal(header.signature?.credentials, 'LCSW');
    assert.ok(Math.abs(Date.parse(header.signature!.signedAt) - Date.now()) < 60_000);
    const expected = sha256Canonical({
      noteId: id,
      clientId,
      template: 'soap',
      dateOfService: header.dateOfService,
      fields: SOAP,
    });
    assert.equal(header.signature?.sha256, expected);
    const entries = await history(id);
    assert.deepEqual(
      entries.map((e) => [e.kind, e.sha256, e.credentials]),
      [['sign', expected, 'LCSW']],
    );
    const kept = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}/versions/1`);
    assert.deepEqual(kept.json<{ fields: object }>().fields, SOAP);
    const audited = (await auditOf(w, 'note.sign')).filter((a) => a.subject_id === id);
    assert.deepEqual(audited[0]?.detail, { version: 1, sha256: expected, cosignRequired: false });
  });

  test('an incomplete note is not signed; the message names what is missing', async () => {
    const id = await draftNote(w, author, clientId, { subjective: 'Only this so far.' });
    const before = await countRows(w, 'note_versions');
    const r = await sign(id);
    assert.equal(r.statusCode, 400);
    assert.equal(errorCode(r), 'note_incomplete');
    assert.match(
      r.json<{ error: { message: string } }>().error.message,
      /Objective, Assessment, Plan/,
    );
    assert.equal(await countRows(w, 'note_versions'), before);
    const read = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}`);
    assert.equal(read.json<Header>().status, 'draft');
  });

  test('only the author signs; the biller gets 403, another practice 404; nothing changes', async () => {
    const id = await draftNote(w, author, clientId);
    const byAdmin = await sign(id, w.p.staff.admin);
    assert.equal(byAdmin.statusCode, 403);
    assert.equal(errorCode(byAdmin), 'not_your_note');
    assert.equal((await sign(id, w.p.staff.biller)).statusCode, 403);
    assert.equal((await sign(id, w.other.staff.supervisor)).statusCode, 404);
    const denied = (await auditOf(w, 'note.sign')).filter((a) => a.subject_id === id);
    assert.deepEqual(
      denied.map((d) => [d.outcome, d.actor_user_id]),
      [['denied', w.p.staff.admin.userId]],
    );
    const read = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}`);
    assert.equal(read.json<Header>().status, 'draft');
    assert.equal((await sign(id)).statusCode, 200);
    const again = await sign(id);
    assert.equal(again.statusCode, 409);
    assert.equal(errorCode(again), 'already_signed');
  });
});

describe('a signed note is locked', () => {
  test('PATCH answers 409 note_locked with what to do instead, audited as denied', async () => {
    const id = await draftNote(w, author, clientId);
    await sign(id);
    const r = await callAs(w.t, author, 'PATCH', `/api/v1/notes/${id}`, {
      fields: { plan: 'Changed' },
    });
    assert.equal(r.statusCode, 409);
    assert.deepEqual(r.json(), {
      error: {
        code: 'note_locked',
        message:
          'This note is signed and locked. Unlock it with a reason to change it, or add an addendum.',
      },
    });
    const denied = (await auditOf(w, 'note.update')).filter((a) => a.subject_id === id);
    assert.deepEqual(
      denied.map((d) => [d.outcome, d.detail]),
      [['denied', { reason: 'note_locked' }]],
    );
    const read = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}`);
    assert.equal(read.json<{ fields: { plan: string } }>().fields.plan, SOAP.plan);
  });

  test('the database refuses to change a signed note for every role: app, owner, superuser', async () => {
    const id = await draftNote(w, author, clientId);
    await sign(id);
    const rows = (await asApp(sql`select fields_sealed from notes where id = ${id}`)).rows;
    const before = (rows as { fields_sealed: string }[])[0]!.fields_sealed;
    const locked = /signed and locked/;
    await assert.rejects(
      asApp(sql`update notes set fields_sealed = 'hf1.x.y' where id = ${id}`),
      locked,
    );
    await assert.rejects(
      asApp(sql`update notes set date_of_service = '2020-01-01' where id = ${id}`),
      locked,
    );
    // Back to draft without the unlock path's history entry (and its sealed reason):
    await assert.rejects(
      asApp(sql`update notes set status = 'draft', signed_at = null, signed_by = null,
                signer_credentials = null, content_sha256 = null where id = ${id}`),
      /unlock entry/,
    );
    // The owner, switched to see every practice (on PGlite it is a superuser anyway).
    const owner = w.t.db.unsafeOwnerConnection();
    await assert.rejects(
      owner.transaction().execute(async (tx) => {
        await sql`select set_config('app.cross_practice', 'on', true)`.execute(tx);
        const r = await sql`update notes set fields_sealed = 'hf1.x.y' where id = ${id}`.execute(
          tx,
        );
        assert.equal(Number(r.numAffectedRows), 1, 'the owner reached the row');
      }),
      locked,
    );
    await asSuperuser(w.t.database, async (db) => {
      await assert.rejects(
        sql`update notes set fields_sealed = 'hf1.x.y' where id = ${id}`.execute(db),
        locked,
      );
      await assert.rejects(
        sql`delete from notes where id = ${id}`.execute(db),
        /cannot be deleted/,
      );
      await assert.rejects(
        sql`delete from note_versions where note_id = ${id}`.execute(db),
        /append-only/,
      );
      await assert.rejects(
        sql`update note_versions set content_sha256 = null where note_id = ${id}`.execute(db),
        /append-only/,
      );
      await assert.rejects(
        sql`truncate notes, note_versions, note_addenda`.execute(db),
        /not allowed/,
      );
      // Re-keying's switch does not open the lock for anything but a new key's ciphertext.
      await assert.rejects(
        db.transaction().execute(async (tx) => {
          await sql`select set_config('hearth.reencrypting', 'on', true)`.execute(tx);
          await sql`update notes set fields_sealed = ${before.replace(/\.[^.]+$/, '.AAAA')} where id = ${id}`.execute(
            tx,
          );
        }),
        locked,
      );
    });
    const after = (await asApp(sql`select fields_sealed, status from notes where id = ${id}`)).rows;
    assert.deepEqual(after, [{ fields_sealed: before, status: 'signed' }]);
  });

  test('a save and a signature at once: the signature covers exactly the content kept', async () => {
    const id = await draftNote(w, author, clientId);
    const [saved, signed] = await Promise.all([
      callAs(w.t, author, 'PATCH', `/api/v1/notes/${id}`, { fields: { plan: 'Raced plan' } }),
      sign(id),
    ]);
    assert.equal(signed.statusCode, 200, signed.body);
    assert.ok([200, 409].includes(saved.statusCode), saved.body);
    const read = await callAs(w.t, author, 'GET', `/api/v1/notes/${id}`);
    const note = read.json<Header & { fields: Record<string, unknown> }>();
    assert.equal(note.fields.plan, saved.statusCode === 200 ? 'Raced plan' : SOAP.plan);
    const expected = sha256Canonical({
      noteId: id,
      clientId,
      template: 'soap',
      dateOfService: note.dateOfService,
      fields: note.fields,
    });
    assert.equal(note.signature?.sha256, expected);
  });
});
