import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../../platform/db/open.ts';
import { testApp, type TestApp } from '../../testing/app.ts';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { SAME_ORIGIN } from '../../testing/http.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../../testing/practice.ts';
import { testServices } from '../../testing/services.ts';
import { asSuperuser } from '../../testing/superuser.ts';
import { multipartBody } from '../testing/multipart.ts';

// DESIGN.md invariant 2, checked the way a thief would: read the database's files and the blob
// store's files byte by byte for a phrase written into a note body and into a document. It
// must be nowhere in plaintext. As a control, the client's surname — stored in plaintext on
// purpose, for search — must be found, or the search itself proves nothing.

const PHRASE = `lilac-${randomUUID()}-harbour`;
const SURNAME = `Plaintextcontrol${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(join(tmpdir(), 'hearth-plaintext-'));
const blobDir = join(dir, 'blobs');
let database: TestDatabase;
let t: TestApp;
let p: StaffedPractice;

/** Every file under `root` (recursively) that holds `needle`, by raw bytes. */
function filesHolding(root: string, needle: string, since = 0): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        entry.isFile() &&
        statSync(path).mtimeMs >= since &&
        readFileSync(path).includes(bytes)
      )
        found.push(path);
    }
  };
  walk(root);
  return found;
}

const started = Date.now() - 60_000;

before(async () => {
  if (process.env.DATABASE_URL) database = await testDatabase();
  else {
    const db = await openDatabase({
      dataDir: dir,
      databaseUrl: undefined,
      databaseCaFile: undefined,
      databasePoolSize: 1,
    });
    await db.migrate();
    database = { db, url: undefined, close: () => db.close() };
  }
  t = await testApp({ database, services: testServices({ blobDir }) });
  p = await staffedPractice(t);
  const client = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Rosa',
    lastName: SURNAME,
    dateOfBirth: '1980-01-01',
    clinicianIds: [p.staff.associate.userId],
  });
  assert.equal(client.statusCode, 201, client.body);
  const clientId = client.json<{ id: string }>().id;
  const note = await callAs(t, p.staff.associate, 'POST', `/api/v1/clients/${clientId}/notes`, {
    template: 'soap',
    fields: { subjective: `Client said: ${PHRASE}`, objective: '', assessment: '', plan: '' },
  });
  assert.equal(note.statusCode, 201, note.body);
  const { payload, headers } = multipartBody({
    name: 'letter.txt',
    bytes: Buffer.from(`Letter to the client. ${PHRASE}\n`),
  });
  const doc = await t.app.inject({
    method: 'POST',
    url: `/api/v1/clients/${clientId}/documents`,
    headers: { ...SAME_ORIGIN, cookie: p.staff.associate.cookie, ...headers },
    payload,
  });
  assert.equal(doc.statusCode, 201, doc.body);
});
after(async () => {
  await t.close();
  await database.close();
});

describe('no plaintext at rest', () => {
  test('the blob store holds the document only as ciphertext', () => {
    assert.deepEqual(filesHolding(blobDir, PHRASE), []);
  });

  test("the database's files hold the note body and the document name only as ciphertext", async () => {
    let roots: string[];
    if (database.url) {
      // Flush everything to the data files; the WAL is read too.
      const where = await asSuperuser(database, async (su) => {
        await sql`checkpoint`.execute(su);
        const { rows } = await sql<{ dir: string; oid: string }>`
          select current_setting('data_directory') as dir, oid::text from pg_database
           where datname = current_database()`.execute(su);
        return rows[0]!;
      });
      assert.ok(existsSync(where.dir), `this test reads PostgreSQL's files in ${where.dir}`);
      roots = [join(where.dir, 'base', where.oid), join(where.dir, 'pg_wal')];
    } else {
      await sql`checkpoint`.execute(t.db.unsafeOwnerConnection());
      roots = [join(dir, 'pgdata')];
    }
    const since = database.url ? started : 0;
    const control = roots.flatMap((r) => filesHolding(r, SURNAME, since));
    assert.ok(control.length > 0, 'the search finds what is stored in plaintext (the control)');
    assert.deepEqual(
      roots.flatMap((r) => filesHolding(r, PHRASE, since)),
      [],
    );
  });
});
