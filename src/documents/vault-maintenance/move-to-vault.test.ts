import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { pdfBytes } from '../testing/fixtures.ts';
import { multipartBody } from '../testing/multipart.ts';
import { draftNote, notesWorld, SOAP, type NotesWorld } from '../../notes/fixture.ts';
import { FsBlobStore } from '../../platform/blobs/fs-store.ts';
import { FieldCipher } from '../../platform/crypto/field.ts';
import { startFakeVault, type FakeVault } from '../../platform/keys/testing/fake-vault.ts';
import { VaultTransitProvider } from '../../platform/keys/vault-transit.ts';
import type { KeyProvider } from '../../platform/keys/provider.ts';
import { RateLimits } from '../../platform/limits/rate-limits.ts';
import { DocumentVault } from '../../platform/document-vault/document-vault.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { SAME_ORIGIN } from '../../testing/http.ts';
import { callAs } from '../../testing/practice.ts';
import { asSuperuser } from '../../testing/superuser.ts';
import { moveKeys } from './move-to-vault.ts';

let w: NotesWorld;
let fake: FakeVault;
let vault: VaultTransitProvider;
let noteId = '';
const documents = new Map<string, Buffer>();

before(async () => {
  w = await notesWorld();
  noteId = await draftNote(w, w.p.staff.associate);
  for (let i = 0; i < 3; i++) {
    const bytes = Buffer.concat([pdfBytes(`Letter ${i}`), randomBytes(70_000)]);
    const { payload, headers } = multipartBody({ name: `letter-${i}.pdf`, bytes });
    const r = await w.t.app.inject({
      method: 'POST',
      url: `/api/v1/clients/${w.clientId}/documents`,
      headers: { ...SAME_ORIGIN, cookie: w.p.staff.associate.cookie, ...headers },
      payload,
    });
    assert.equal(r.statusCode, 201, r.body);
    documents.set(r.json<{ id: string }>().id, bytes);
  }
  fake = await startFakeVault({ token: 'hvs.move-test' });
  vault = new VaultTransitProvider({
    addr: fake.url,
    token: 'hvs.move-test',
    mount: 'transit',
    keyPrefix: 'hearth',
  });
  await vault.check();
});
after(async () => {
  vault.close();
  await fake.close();
  await w.t.close();
});

/** Every wrapped key in the database: 'vault' when in Vault's form, 'local' otherwise. */
const wrappedForms = () =>
  asSuperuser(w.t.database, async (db) => {
    const inVault = (column: string) =>
      sql`case when substring(${sql.ref(column)} from 1 for 7) = ${Buffer.from('vault:v')} then 'vault' else 'local' end`;
    const { rows } = await sql<{ form: string }>`
      select ${inVault('wrapped')} as form from practice_keys
      union all select ${inVault('data_key_wrapped')} from document_keys where state = 'current'
      union all select ${inVault('hmac_key_wrapped')} from document_keys where state = 'current'`.execute(
      db,
    );
    return rows.map((r) => r.form);
  });

/** Fails on its `failAt`th wrap: a crash in the middle of a move. */
function crashingAfter(provider: KeyProvider, failAt: number): KeyProvider {
  let wraps = 0;
  return {
    name: provider.name,
    unwrap: (...args) => provider.unwrap(...args),
    rotate: (purpose) => provider.rotate(purpose),
    currentVersion: (purpose) => provider.currentVersion(purpose),
    wrap: async (...args) => {
      wraps += 1;
      if (wraps === failAt) throw new Error('simulated crash');
      return provider.wrap(...args);
    },
  };
}

test('every data key moves from the local keyring to Vault; an interrupted move resumes; everything reads back through Vault alone', async () => {
  const before = await wrappedForms();
  // The practice's field key, and three documents' two keys each.
  assert.ok(before.length >= 7, String(before.length));
  assert.ok(before.every((f) => f !== 'vault'));

  await assert.rejects(
    moveKeys(w.t.db, w.t.services.keyring, crashingAfter(vault, 4)),
    /simulated crash/,
  );
  const halfway = await wrappedForms();
  const moved = halfway.filter((f) => f === 'vault').length;
  assert.ok(
    moved > 0 && moved < halfway.length,
    `${moved} of ${halfway.length} moved before the crash`,
  );

  const progress: number[] = [];
  const report = await moveKeys(w.t.db, w.t.services.keyring, vault, (p) =>
    progress.push(p.practice),
  );
  assert.equal(report.practices, 2);
  // The field key went before the crash; the resumed run moves the three documents' keys.
  assert.deepEqual([report.fieldKeys, report.documentKeys], [0, 3]);
  assert.deepEqual(
    (await wrappedForms()).filter((f) => f !== 'vault'),
    [],
  );
  assert.ok(progress.includes(2), 'progress names each practice');

  // Each run that moved keys is on the practice's trail, with what it moved.
  const moves = await w.t.db.withPractice(w.p.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['detail'])
      .where('action', '=', 'vault.keys_moved')
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
  );
  assert.deepEqual(
    moves.map((m) => m.detail),
    [
      { fieldKeys: 1, to: 'vault-transit' }, // committed before the crash
      { documentKeys: 3, to: 'vault-transit' },
    ],
  );

  // A second run finds nothing left to move.

  const again = await moveKeys(w.t.db, w.t.services.keyring, vault);
  assert.deepEqual([again.fieldKeys, again.documentKeys], [0, 0]);

  // Another server on the same database, with Vault as its only key provider.
  const withVault: TestApp = await testApp({
    database: w.t.database,
    services: {
      ...w.t.services,
      fields: new FieldCipher(vault),
      vault: new DocumentVault(vault, new FsBlobStore(w.t.services.blobDir)),
      limits: new RateLimits(),
    },
  });
  try {
    const note = await callAs(withVault, w.p.staff.associate, 'GET', `/api/v1/notes/${noteId}`);
    assert.equal(note.statusCode, 200, note.body);
    assert.equal(
      note.json<{ fields: { subjective: string } }>().fields.subjective,
      SOAP.subjective,
    );
    for (const [id, bytes] of documents) {
      const r = await callAs(
        withVault,
        w.p.staff.associate,
        'GET',
        `/api/v1/documents/${id}/content`,
      );
      assert.equal(r.statusCode, 200);
      assert.ok(r.rawPayload.equals(bytes), `document ${id} reads back byte for byte`);
    }
  } finally {
    await withVault.close();
  }
  // The same sealed value: Vault opens it, a fresh local keyring no longer can.
  const openWith = (provider: KeyProvider) =>
    w.t.db.withPractice(w.p.practiceId, async (tx) => {
      const row = await tx
        .selectFrom('notes')
        .select('fields_sealed')
        .where('id', '=', noteId)
        .executeTakeFirstOrThrow();
      const ref = { table: 'notes', column: 'fields_sealed', rowId: noteId };
      return new FieldCipher(provider).open(tx, ref, row.fields_sealed!);
    });
  assert.match(await openWith(vault), /sleeping better/);
  await assert.rejects(openWith(w.t.services.keyring));
});
