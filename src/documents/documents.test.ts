import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { SAME_ORIGIN } from '../testing/http.ts';
import {
  callAs,
  staffedPractice,
  type StaffedPractice,
  type StaffMember,
} from '../testing/practice.ts';
import { docxBytes, EXE, pdfBytes, PNG } from './testing/fixtures.ts';
import { multipartBody } from './testing/multipart.ts';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
let clientId = '';

interface Doc {
  id: string;
  name: string;
  contentType: string;
  size: number;
  preview: boolean;
  uploadedBy: { id: string; name: string };
}

function upload(
  app: TestApp,
  who: StaffMember,
  client: string,
  file: { name: string; bytes: Buffer; type?: string },
  field = 'file',
) {
  const { payload, headers } = multipartBody(file, field);
  return app.app.inject({
    method: 'POST',
    url: `/api/v1/clients/${client}/documents`,
    headers: { ...SAME_ORIGIN, cookie: who.cookie, ...headers },
    payload,
  });
}

/** Every file in the blob store, but the store's own work area. */
function blobFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '.partial') walk(path);
      } else found.push(path);
    }
  };
  walk(t.services.blobDir);
  return found;
}

const documentRows = () =>
  t.db.withPractice(p.practiceId, (tx) =>
    tx.selectFrom('documents').select(['id', 'status']).execute(),
  );
const auditActions = async (subjectId: string) =>
  (
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['action', 'outcome', 'client_id'])
        .where('subject_id', '=', subjectId)
        .orderBy('occurred_at')
        .execute(),
    )
  ).map((r) => `${r.action}:${r.outcome}`);

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t);
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Noor',
    lastName: 'Haddad',
    dateOfBirth: '1984-07-01',
    clinicianIds: [p.staff.associate.userId],
  });
  assert.equal(r.statusCode, 201, r.body);
  clientId = r.json<{ id: string }>().id;
});
after(() => t.close());

describe('documents: upload, list, read, download, delete', () => {
  test('the client’s clinician uploads a PDF; it is listed, described and downloaded byte for byte, all audited', async () => {
    const bytes = pdfBytes('Discharge letter');
    const r = await upload(t, p.staff.associate, clientId, {
      name: 'Discharge letter.pdf',
      bytes,
      type: 'application/pdf',
    });
    assert.equal(r.statusCode, 201, r.body);
    const doc = r.json<Doc>();
    assert.equal(doc.name, 'Discharge letter.pdf');
    assert.equal(doc.contentType, 'application/pdf');
    assert.equal(doc.size, bytes.length);
    assert.equal(doc.preview, true);
    assert.equal(doc.uploadedBy.id, p.staff.associate.userId);

    const list = await callAs(t, p.staff.associate, 'GET', `/api/v1/clients/${clientId}/documents`);
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list.json<{ items: Doc[] }>().items.map((d) => d.id),
      [doc.id],
    );
    const meta = await callAs(t, p.staff.associate, 'GET', `/api/v1/documents/${doc.id}`);
    assert.equal(meta.json<Doc>().name, 'Discharge letter.pdf');

    const content = await callAs(
      t,
      p.staff.associate,
      'GET',
      `/api/v1/documents/${doc.id}/content`,
    );
    assert.equal(content.statusCode, 200);
    assert.ok(content.rawPayload.equals(bytes));
    assert.equal(content.headers['content-type'], 'application/pdf');
    assert.equal(content.headers['content-length'], String(bytes.length));
    assert.equal(content.headers['x-content-type-options'], 'nosniff');
    assert.match(
      String(content.headers['content-disposition']),
      /^inline; filename="Discharge letter.pdf"/,
    );
    assert.match(String(content.headers['content-security-policy']), /sandbox/);
    assert.equal(content.headers['cache-control'], 'no-store');

    const forced = await callAs(
      t,
      p.staff.associate,
      'GET',
      `/api/v1/documents/${doc.id}/content?download=true`,
    );
    assert.match(String(forced.headers['content-disposition']), /^attachment;/);
    assert.deepEqual(await auditActions(doc.id), [
      'document.upload:success',
      'document.read:success',
      'document.download:success',
      'document.download:success',
    ]);
  });

  test('what is not PDF or an image downloads as an attachment; text says its charset; names stay safe', async () => {
    const word = await upload(t, p.staff.associate, clientId, {
      name: 'Plan\u0007 <v2>?.docx',
      bytes: docxBytes(),
    });
    assert.equal(word.statusCode, 201, word.body);
    const wordDoc = word.json<Doc>();
    assert.equal(wordDoc.name, 'Plan v2.docx');
    assert.equal(wordDoc.preview, false);
    const w = await callAs(t, p.staff.associate, 'GET', `/api/v1/documents/${wordDoc.id}/content`);
    assert.match(String(w.headers['content-disposition']), /^attachment; filename="Plan v2.docx"/);

    const text = await upload(t, p.staff.associate, clientId, {
      name: 'notes ☕.txt',
      bytes: Buffer.from('Bring the worksheet.\n'),
    });
    assert.equal(text.statusCode, 201, text.body);
    const txt = await callAs(
      t,
      p.staff.associate,
      'GET',
      `/api/v1/documents/${text.json<Doc>().id}/content`,
    );
    assert.equal(txt.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(
      String(txt.headers['content-disposition']),
      /filename\*=UTF-8''notes%20%E2%98%95\.txt$/,
    );
    assert.equal(txt.body, 'Bring the worksheet.\n');
  });

  test('a file that is not on the allowlist, whatever it is called, is refused with 415 and nothing is stored', async () => {
    const before = { rows: (await documentRows()).length, blobs: blobFiles().length };
    const r = await upload(t, p.staff.associate, clientId, {
      name: 'scan.pdf',
      bytes: EXE,
      type: 'application/pdf',
    });
    assert.equal(r.statusCode, 415);
    assert.equal(r.json().error.code, 'unsupported_type');
    assert.deepEqual({ rows: (await documentRows()).length, blobs: blobFiles().length }, before);
  });

  test('a file over the practice limit is refused with 413 and nothing is stored', async () => {
    const set = await callAs(t, p.staff.admin, 'PATCH', '/api/v1/practice', {
      documentSizeLimitBytes: 1_048_576,
    });
    assert.equal(set.statusCode, 200, set.body);
    const before = { rows: (await documentRows()).length, blobs: blobFiles().length };
    const big = Buffer.concat([pdfBytes(), randomBytes(1_200_000)]);
    const r = await upload(t, p.staff.associate, clientId, { name: 'big.pdf', bytes: big });
    assert.equal(r.statusCode, 413, r.body);
    assert.equal(r.json().error.code, 'document_too_large');
    assert.match(r.json().error.message, /1 MB/);
    assert.deepEqual({ rows: (await documentRows()).length, blobs: blobFiles().length }, before);
    await callAs(t, p.staff.admin, 'PATCH', '/api/v1/practice', {
      documentSizeLimitBytes: 104_857_600,
    });
  });

  test('no file, or the file in another field: 400 and nothing stored', async () => {
    const r = await upload(
      t,
      p.staff.associate,
      clientId,
      { name: 'a.png', bytes: PNG },
      'attachment',
    );
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'file_required');
    const json = await callAs(
      t,
      p.staff.associate,
      'POST',
      `/api/v1/clients/${clientId}/documents`,
      {},
    );
    assert.equal(json.statusCode, 415);
  });

  test('roles without documents get 403 (audited); another clinician gets not_your_client', async () => {
    const png = { name: 'card.png', bytes: PNG };
    for (const who of [p.staff.front_desk, p.staff.biller]) {
      assert.equal((await upload(t, who, clientId, png)).statusCode, 403);
      assert.equal(
        (await callAs(t, who, 'GET', `/api/v1/clients/${clientId}/documents`)).statusCode,
        403,
      );
    }
    const denied = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('actor_user_id')
        .where('action', '=', 'auth.access.denied')
        .where('client_id', '=', clientId)
        .execute(),
    );
    assert.equal(denied.length, 4);
    const theirs = await upload(t, p.secondAssociate, clientId, png);
    assert.equal(theirs.statusCode, 403);
    assert.equal(theirs.json().error.code, 'not_your_client');
  });

  test('another practice gets 404 on every document route and changes nothing', async () => {
    const mine = await upload(t, p.staff.associate, clientId, { name: 'x.png', bytes: PNG });
    const id = mine.json<Doc>().id;
    const before = { rows: await documentRows(), blobs: blobFiles().length };
    const outsider = other.staff.admin;
    const answers = [
      (await upload(t, outsider, clientId, { name: 'y.png', bytes: PNG })).statusCode,
      (await callAs(t, outsider, 'GET', `/api/v1/clients/${clientId}/documents`)).statusCode,
      (await callAs(t, outsider, 'GET', `/api/v1/documents/${id}`)).statusCode,
      (await callAs(t, outsider, 'GET', `/api/v1/documents/${id}/content`)).statusCode,
      (await callAs(t, outsider, 'DELETE', `/api/v1/documents/${id}`)).statusCode,
    ];
    assert.deepEqual(answers, [404, 404, 404, 404, 404]);
    assert.deepEqual({ rows: await documentRows(), blobs: blobFiles().length }, before);
    assert.equal(
      (await callAs(t, p.staff.admin, 'GET', `/api/v1/documents/${randomUUID()}`)).statusCode,
      404,
    );
  });

  test('deleting destroys the keys at once and removes the blob; the document is gone', async () => {
    const r = await upload(t, p.staff.associate, clientId, { name: 'old.pdf', bytes: pdfBytes() });
    const id = r.json<Doc>().id;
    const blobsBefore = blobFiles().length;
    const del = await callAs(t, p.staff.associate, 'DELETE', `/api/v1/documents/${id}`);
    assert.equal(del.statusCode, 204, del.body);
    assert.equal(blobFiles().length, blobsBefore - 1);
    const keys = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('document_keys')
        .select(['data_key_wrapped'])
        .where('document_id', '=', id)
        .execute(),
    );
    assert.deepEqual(keys, [], 'no generation, and so no wrapped key, is left');
    const row = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('documents')
        .select(['status', 'name_sealed'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(row, { status: 'deleted', name_sealed: null });
    assert.equal(
      (await callAs(t, p.staff.associate, 'GET', `/api/v1/documents/${id}`)).statusCode,
      404,
    );
    assert.deepEqual((await auditActions(id)).at(-1), 'document.delete:success');
  });
});
