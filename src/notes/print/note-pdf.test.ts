import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../../testing/practice.ts';
import { pdfText } from '../../testing/pdf-text.ts';
import { auditOf, draftNote, notesWorld, SOAP, signedNote, type NotesWorld } from '../fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

describe('a signed note as a PDF', () => {
  test('has its fields and the signature block (signer, co-signer, fingerprint); audited as an export', async () => {
    const id = await signedNote(w, w.p.staff.associate);
    const c = await callAs(w.t, w.p.staff.supervisor, 'POST', `/api/v1/notes/${id}/cosign`);
    assert.equal(c.statusCode, 200, c.body);
    const note = (await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`)).json<{
      signature: { sha256: string; name: string };
      cosignature: { name: string };
    }>();
    const r = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}/pdf`);
    assert.equal(r.statusCode, 200, r.body.slice(0, 200));
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.match(String(r.headers['content-disposition']), /^attachment; filename="note-/);
    assert.doesNotMatch(String(r.headers['content-disposition']), /Quinn/);
    const text = pdfText(r.rawPayload);
    assert.ok(r.rawPayload.subarray(0, 5).toString() === '%PDF-');
    for (const expected of [
      'SOAP progress note',
      'Client: Quinn Notes',
      SOAP.subjective,
      `Electronically signed by ${note.signature.name}`,
      `Co-signed by ${note.cosignature.name}`,
      note.signature.sha256,
    ]) {
      assert.ok(text.includes(expected), `the PDF shows "${expected}"`);
    }
    const rows = (await auditOf(w, 'note.export')).filter((a) => a.subject_id === id);
    assert.equal(rows.length, 1);
    assert.equal((rows[0]?.detail as { format: string }).format, 'pdf');
  });

  test('a draft is not exported (409); a biller 403; another practice 404', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const draft = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}/pdf`);
    assert.equal(draft.statusCode, 409);
    const signed = await signedNote(w, w.p.staff.associate);
    const url = `/api/v1/notes/${signed}/pdf`;
    assert.equal((await callAs(w.t, w.p.staff.biller, 'GET', url)).statusCode, 403);
    assert.equal((await callAs(w.t, w.other.staff.admin, 'GET', url)).statusCode, 404);
    assert.equal((await callAs(w.t, w.p.secondAssociate, 'GET', url)).statusCode, 403);
  });
});
