import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../testing/app.ts';
import { SAME_ORIGIN } from '../../testing/http.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../../testing/practice.ts';
import { scrubDocuments } from '../service.ts';
import { sweepBlobs } from '../sweep.ts';
import { pdfBytes } from '../testing/fixtures.ts';
import { multipartBody } from '../testing/multipart.ts';
import { KeyError, type KeyProvider } from '../../platform/keys/provider.ts';
import { DocumentVault } from '../../platform/document-vault/document-vault.ts';
import { rekey, rekeyDue, type RekeyServices } from './rekey.ts';

let t: TestApp;
let p: StaffedPractice;
let clientId = '';
const originals = new Map<string, Buffer>();

async function upload(bytes: Buffer): Promise<string> {
  const { payload, headers } = multipartBody({ name: 'letter.pdf', bytes });
  const r = await t.app.inject({
    method: 'POST',
    url: `/api/v1/clients/${clientId}/documents`,
    headers: { ...SAME_ORIGIN, cookie: p.staff.associate.cookie, ...headers },
    payload,
  });
  assert.equal(r.statusCode, 201, r.body);
  const id = r.json<{ id: string }>().id;
  originals.set(id, bytes);
  return id;
}

const download = async (id: string) =>
  (await callAs(t, p.staff.associate, 'GET', `/api/v1/documents/${id}/content`)).rawPayload;

const services = (): RekeyServices => ({
  db: t.db,
  fields: t.services.fields,
  keys: t.services.keyring,
  vault: t.services.vault,
});

const generations = () =>
  t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('document_keys')
      .select([
        'id',
        'document_id',
        'state',
        'data_kek_version',
        'integrity_kek_version',
        'blob_key',
      ])
      .execute(),
  );

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Mara',
    lastName: 'Osei',
    dateOfBirth: '1991-05-05',
    clinicianIds: [p.staff.associate.userId],
  });
  clientId = r.json<{ id: string }>().id;
  for (let i = 0; i < 4; i++)
    await upload(Buffer.concat([pdfBytes(`Doc ${i}`), randomBytes(300_000 + i)]));
});
after(() => t.close());

describe('integrity scrub', () => {
  test('an intact store: every document checked, a sample decrypted, nothing failed', async () => {
    const report = await scrubDocuments(t.db, t.services.vault, { sampleEvery: 1 });
    assert.equal(report.documents, 4);
    assert.equal(report.decrypted, 4);
    assert.deepEqual(report.failures, []);
    assert.ok(report.bytes > 1_200_000);
  });

  test('an altered and a missing blob are found, audited and alerted; the rest pass', async () => {
    const [a, b] = [...originals.keys()];
    const rows = await generations();
    const blobOf = (id: string) =>
      join(t.services.blobDir, rows.find((r) => r.document_id === id)!.blob_key);
    const bytes = readFileSync(blobOf(a!));
    bytes[1000] = bytes[1000]! ^ 0xff;
    writeFileSync(blobOf(a!), bytes);
    const saved = readFileSync(blobOf(b!));
    rmSync(blobOf(b!));
    try {
      const report = await scrubDocuments(t.db, t.services.vault, { sampleEvery: 0 });
      assert.deepEqual(
        report.failures.map((f) => [f.documentId, f.reason]).sort(),
        [
          [a, 'hmac_mismatch'],
          [b, 'missing'],
        ].sort(),
      );
      const audited = await t.db.withPractice(p.practiceId, (tx) =>
        tx
          .selectFrom('audit_events')
          .select(['subject_id', 'actor_type', 'actor_label'])
          .where('action', '=', 'document.integrity_failed')
          .execute(),
      );
      assert.deepEqual(new Set(audited.map((r) => r.subject_id)), new Set([a, b]));
      assert.ok(audited.every((r) => r.actor_type === 'system'));
      const alerts = await t.db.withPractice(p.practiceId, (tx) =>
        tx
          .selectFrom('alerts')
          .select('kind')
          .where('kind', '=', 'document_integrity_failed')
          .execute(),
      );
      assert.equal(alerts.length, 2);
    } finally {
      bytes[1000] = bytes[1000]! ^ 0xff;
      writeFileSync(blobOf(a!), bytes);
      writeFileSync(blobOf(b!), saved);
    }
  });

  test('without access to data keys it still checks every HMAC, and says it decrypted none', async () => {
    const keyring = t.services.keyring;
    const integrityOnly: KeyProvider = {
      name: 'integrity-only',
      wrap: (...a) => keyring.wrap(...a),
      rotate: (purpose) => keyring.rotate(purpose),
      currentVersion: (purpose) => keyring.currentVersion(purpose),
      unwrap: async (purpose, wrapped, context) => {
        if (purpose === 'data') throw new KeyError('permission denied for the data key');
        return keyring.unwrap(purpose, wrapped, context);
      },
    };
    const vault = new DocumentVault(integrityOnly, t.services.vault.blobs);
    const report = await scrubDocuments(t.db, vault, { sampleEvery: 1 });
    assert.equal(report.documents, 4);
    assert.deepEqual(report.failures, []);
    assert.equal(report.decrypted, 0);
    assert.match(report.decryptSkipped ?? '', /may not unwrap data keys/);
  });

  test('orphaned blobs (a write that never committed) are removed once old enough', async () => {
    const key = `${p.practiceId}/${crypto.randomUUID()}/${crypto.randomUUID()}`;
    await t.services.vault.blobs.put(key, Readable.from([randomBytes(100)]));
    assert.equal((await sweepBlobs(t.db, t.services.vault)).orphansRemoved, 0, 'too young');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(t.services.blobDir, key), old, old);
    assert.equal((await sweepBlobs(t.db, t.services.vault)).orphansRemoved, 1);
    assert.equal(await t.services.vault.blobs.stat(key), null);
  });
});

describe('re-keying', () => {
  test('a crash halfway resumes the same run; every document reads back byte for byte under fresh keys', async () => {
    const before = await generations();
    const kekBefore = await t.services.keyring.currentVersion('data');
    let seen = 0;
    await assert.rejects(
      rekey(services(), {
        reason: 'command',
        onProgress: (p) => {
          if (p.documents > 0) seen += 1;
          if (seen === 1) throw new Error('simulated crash');
        },
      }),
      /simulated crash/,
    );
    const halfway = (await generations()).filter((g) => g.state === 'current');
    const moved = halfway.filter((g) => !before.some((b) => b.id === g.id)).length;
    assert.equal(moved, 1, 'one document was switched before the crash');

    const report = await rekey(services(), { reason: 'command' });
    assert.equal(report.resumed, true);
    assert.equal(report.dataKekVersion, kekBefore + 1, 'the resumed run made no second KEK');
    assert.equal(report.documents, 3);
    const now = await generations();
    const current = now.filter((g) => g.state === 'current');
    assert.equal(current.length, 4);
    for (const g of current) {
      assert.ok(!before.some((b) => b.id === g.id), 'a fresh generation');
      assert.equal(g.data_kek_version, kekBefore + 1);
      assert.ok((await download(g.document_id)).equals(originals.get(g.document_id)!));
    }
    assert.equal(now.filter((g) => g.state === 'retired').length, 4);
    const runs = await t.db.withPractice(p.practiceId, (tx) =>
      tx.selectFrom('key_rotations').select(['run_id', 'finished_at', 'documents_done']).execute(),
    );
    assert.deepEqual(
      runs.map((r) => [r.run_id, r.finished_at !== null, r.documents_done]),
      [[report.runId, true, 4]],
    );
    // Old blobs go once the grace period is over.
    const swept = await sweepBlobs(t.db, t.services.vault, Date.now() + 11 * 60_000);
    assert.equal(swept.retiredRemoved, 4);
    assert.equal((await generations()).length, 4);
  });

  test('reads and uploads keep working while a run re-encrypts', async () => {
    const running = rekey(services(), { reason: 'command' });
    const during = await Promise.all([
      ...[...originals.keys()].map(async (id) => (await download(id)).equals(originals.get(id)!)),
      upload(pdfBytes('uploaded during re-keying')).then(() => true),
    ]);
    const report = await running;
    assert.ok(during.every(Boolean));
    assert.equal(report.resumed, false);
    for (const [id, bytes] of originals) assert.ok((await download(id)).equals(bytes));
  });

  test('the policy asks for a run when a practice was last re-keyed longer ago than the interval', async () => {
    assert.equal(await rekeyDue(t.db, 90), false);
    await t.db.unscopedAcrossPractices({ job: 'test', reason: 'age the rotations' }, (tx) =>
      sql`update key_rotations set finished_at = now() - interval '91 days'`.execute(tx),
    );
    await t.db.unscopedAcrossPractices({ job: 'test', reason: 'age the practices' }, (tx) =>
      sql`update practices set created_at = now() - interval '1 year'`.execute(tx),
    );
    assert.equal(await rekeyDue(t.db, 90), true);
    assert.equal(await rekeyDue(t.db, 0), false, '0 turns the policy off');
  });
});
