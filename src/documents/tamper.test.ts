import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../testing/app.ts';
import { SAME_ORIGIN } from '../testing/http.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { pdfBytes } from './testing/fixtures.ts';
import { multipartBody } from './testing/multipart.ts';

// Issue #5's faults: every alteration of a stored document is detected and refused with a clear
// error, never garbage — what a download delivers is at most a true prefix of the document,
// and never all of it — and each is audited and alerted.

let t: TestApp;
let p: StaffedPractice;
let clientId = '';

async function uploadPdf(bytes: Buffer): Promise<string> {
  const { payload, headers } = multipartBody({ name: 'scan.pdf', bytes });
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/v1/clients/${clientId}/documents`,
    headers: { ...SAME_ORIGIN, cookie: p.staff.associate.cookie, ...headers },
    payload,
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}

async function blobPathOf(documentId: string): Promise<string> {
  const row = await t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('document_keys')
      .select('blob_key')
      .where('document_id', '=', documentId)
      .where('state', '=', 'current')
      .executeTakeFirstOrThrow(),
  );
  return join(t.services.blobDir, row.blob_key);
}

/** The download, however it ends: status and the bytes that arrived before it did. */
async function download(documentId: string): Promise<{ status: number; body: Buffer }> {
  try {
    const r = await callAs(t, p.staff.associate, 'GET', `/api/v1/documents/${documentId}/content`);
    return { status: r.statusCode, body: r.rawPayload };
  } catch {
    return { status: 0, body: Buffer.alloc(0) };
  }
}

async function integrityEvents(documentId: string): Promise<string[]> {
  // Recorded in a transaction of its own once the stream failed: give it a moment.
  for (let i = 0; i < 50; i++) {
    const rows = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'document.integrity_failed')
        .where('subject_id', '=', documentId)
        .execute(),
    );
    if (rows.length > 0) return rows.map((r) => String(r.detail.reason));
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}

/**
 * Never garbage: caught before the first byte, the answer is a clear error; caught later, the
 * transfer is cut off and what arrived is a proper prefix of the document.
 */
function assertRefused(got: { status: number; body: Buffer }, original: Buffer): void {
  if (got.status === 500) {
    const { error } = JSON.parse(got.body.toString()) as {
      error: { code: string; message: string };
    };
    assert.equal(error.code, 'document_integrity_failed');
    assert.match(error.message, /integrity check/);
    return;
  }
  assert.ok(got.body.length < original.length, 'the document was not delivered whole');
  assert.ok(
    original.subarray(0, got.body.length).equals(got.body),
    'only verified bytes were sent',
  );
}

// Three segments of 256 KiB and a bit: a tamper in any one of them is caught there.
const ORIGINAL = Buffer.concat([pdfBytes('Tamper target'), randomBytes(700_000)]);

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Iris',
    lastName: 'Lund',
    dateOfBirth: '1979-11-30',
    clinicianIds: [p.staff.associate.userId],
  });
  clientId = r.json<{ id: string }>().id;
});
after(() => t.close());

describe('a stored document that was altered is refused, audited and alerted', () => {
  test('untouched, it reads back byte for byte', async () => {
    const id = await uploadPdf(ORIGINAL);
    const got = await download(id);
    assert.equal(got.status, 200);
    assert.ok(got.body.equals(ORIGINAL));
  });

  const alterations: [string, (path: string) => void, string[]][] = [
    ['a byte flipped in the first segment', (path) => flip(path, 200), ['segment_auth_failed']],
    ['a byte flipped in the last segment', (path) => flip(path, -20), ['segment_auth_failed']],
    [
      'a byte flipped in the header',
      (path) => flip(path, 5),
      ['bad_header', 'unsupported_version'],
    ],
    // Cut or lengthened, the final segment's tag (over index and final flag) no longer verifies.
    [
      'cut short mid-segment',
      (path) => truncateSync(path, 300_000),
      ['segment_auth_failed', 'truncated'],
    ],
    [
      'cut at a segment boundary',
      (path) => truncateSync(path, 52 + (262_144 + 16) * 2),
      ['truncated'],
    ],
    [
      'bytes appended',
      (path) => appendFileSync(path, randomBytes(64)),
      ['segment_auth_failed', 'trailing_data', 'hmac_mismatch'],
    ],
  ];
  for (const [what, alter, reasons] of alterations) {
    test(what, async () => {
      const id = await uploadPdf(ORIGINAL);
      alter(await blobPathOf(id));
      assertRefused(await download(id), ORIGINAL);
      const recorded = await integrityEvents(id);
      assert.equal(recorded.length, 1, 'one integrity failure audited');
      assert.ok(
        reasons.includes(recorded[0]!),
        `reason ${recorded[0]} is one of ${reasons.join(', ')}`,
      );
    });
  }

  test("two documents' blobs swapped: each names another document and is refused before a byte", async () => {
    const a = await uploadPdf(ORIGINAL);
    const b = await uploadPdf(Buffer.concat([pdfBytes('Other'), randomBytes(10_000)]));
    const [pa, pb] = [await blobPathOf(a), await blobPathOf(b)];
    renameSync(pa, `${pa}.tmp`);
    renameSync(pb, pa);
    renameSync(`${pa}.tmp`, pb);
    assertRefused(await download(a), ORIGINAL);
    assert.deepEqual(await integrityEvents(a), ['wrong_document']);
    const alerts = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('alerts')
        .select(['severity'])
        .where('kind', '=', 'document_integrity_failed')
        .execute(),
    );
    assert.ok(alerts.length >= 6 && alerts.every((x) => x.severity === 'critical'));
  });

  test("two rows' sealed names swapped: refused with a clear error, never the wrong name", async () => {
    const a = await uploadPdf(pdfBytes());
    const b = await uploadPdf(pdfBytes());
    await t.db.withPractice(p.practiceId, (tx) =>
      sql`update documents d set name_sealed = o.name_sealed
            from documents o where (d.id, o.id) in ((${a}, ${b}), (${b}, ${a}))`.execute(tx),
    );
    const r = await callAs(t, p.staff.associate, 'GET', `/api/v1/documents/${a}`);
    assert.equal(r.statusCode, 500);
    assert.equal(r.json().error.code, 'stored_data_unreadable');
    assert.match(r.json().error.message, /could not be decrypted/);
  });

  test('a wrong key version is refused with a clear error and nothing is sent', async () => {
    const id = await uploadPdf(pdfBytes());
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .updateTable('document_keys')
        .set({ data_kek_version: 99 })
        .where('document_id', '=', id)
        .execute(),
    );
    const r = await callAs(t, p.staff.associate, 'GET', `/api/v1/documents/${id}/content`);
    assert.equal(r.statusCode, 500);
    assert.equal(r.json().error.code, 'stored_data_unreadable');
  });

  test('with the keyring lost, documents and sealed fields are refused, never garbage', async () => {
    const id = await uploadPdf(pdfBytes());
    // A second server on the same database whose keyring directory is empty.
    const lost = await testApp({ database: t.database });
    try {
      for (const url of [`/api/v1/documents/${id}`, `/api/v1/documents/${id}/content`]) {
        const r = await callAs(lost, p.staff.associate, 'GET', url);
        assert.equal(r.statusCode, 500, url);
        assert.equal(r.json().error.code, 'stored_data_unreadable');
      }
    } finally {
      await lost.close();
    }
  });
});

function flip(path: string, at: number): void {
  const bytes = readFileSync(path);
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] = bytes[i]! ^ 0x01;
  writeFileSync(path, bytes);
}
