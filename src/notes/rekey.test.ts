import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { FieldCipher, type Sealed } from '../platform/crypto/field.ts';
import { rekeyPracticeFields } from '../platform/crypto/field-rekey.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { testKeyring } from '../testing/keys.ts';
import { addClient, notesWorld, SOAP, type NotesWorld } from './fixture.ts';
import { readVersion } from './history.ts';
import { createNote, readNote, type NoteDeps } from './service.ts';
import { signNote } from './signing.ts';

// Re-keying and the lock, through the services with a keyring of the test's own: the app's
// cipher never seals anything for this practice, so both cannot disagree about its keys.
let w: NotesWorld;
let deps: NoteDeps;
let actor: Actor;
const { keyring } = testKeyring();
const context = () => ({
  actor: { type: 'user' as const, userId: actor.userId, role: actor.role },
});

before(async () => {
  w = await notesWorld();
  deps = { db: w.t.db, fields: new FieldCipher(keyring) };
  const m = w.p.staff.supervisor;
  actor = {
    userId: m.userId,
    practiceId: w.p.practiceId,
    role: m.role,
    sessionId: randomUUID(),
    mfaPending: false,
  };
});
after(() => w.t.close());

const keyIdOf = async (noteId: string) => {
  const { rows } = await w.t.db.withPractice(w.p.practiceId, (tx) =>
    sql<{ value: string }>`select fields_sealed as value from notes where id = ${noteId}`.execute(
      tx,
    ),
  );
  return rows[0]!.value.split('.')[1];
};

describe('re-keying and signed notes', () => {
  test('re-keying moves a signed note to the new key; its signature still holds', async () => {
    const clientId = await addClient(w.t, w.p, [w.p.staff.supervisor]);
    const input = { template: 'soap' as const, fields: SOAP };
    const note = await createNote(deps, { actor, context: context(), clientId, input });
    await signNote(deps, { actor, context: context(), noteId: note.id });
    const draft = await createNote(deps, { actor, context: context(), clientId, input });
    const oldKey = await keyIdOf(note.id);

    const result = await rekeyPracticeFields(w.t.db, deps.fields, keyring, w.p.practiceId, {
      startedBefore: new Date(Date.now() + 1000),
    });
    assert.equal(result.reencrypted, 2, 'the signed note and the draft');
    assert.equal(result.unreadable, 0);
    assert.equal(result.keysKept, 1, 'the old key still seals the history, which never changes');
    assert.notEqual(await keyIdOf(note.id), oldKey);
    assert.notEqual(await keyIdOf(draft.id), oldKey);
    const read = await readNote(deps, { actor, context: context(), noteId: note.id });
    assert.deepEqual(read.fields, SOAP);
    assert.equal(read.status, 'signed');
    const signed = await readVersion(deps, { actor, context: context(), noteId: note.id, n: 1 });
    assert.deepEqual(signed.fields, SOAP);
  });

  test('other text sealed in through the re-keying path is caught by the signature check', async () => {
    const clientId = await addClient(w.t, w.p, [w.p.staff.supervisor]);
    const input = { template: 'soap' as const, fields: SOAP };
    const note = await createNote(deps, { actor, context: context(), clientId, input });
    await signNote(deps, { actor, context: context(), noteId: note.id });
    // Someone with the key and a database connection: a fresh active key, other text.
    await w.t.db.unscopedAcrossPractices({ job: 'test', reason: 'retire the key' }, (tx) =>
      tx
        .updateTable('practice_keys')
        .set({ retired_at: new Date() })
        .where('practice_id', '=', w.p.practiceId)
        .execute(),
    );
    await w.t.db.withPractice(w.p.practiceId, async (tx) => {
      const forged: Sealed = await deps.fields.seal(
        tx,
        { table: 'notes', column: 'fields_sealed', rowId: note.id },
        JSON.stringify({ ...SOAP, plan: 'Something the author never signed' }),
      );
      await sql`select set_config('hearth.reencrypting', 'on', true)`.execute(tx);
      await sql`update notes set fields_sealed = ${forged} where id = ${note.id}`.execute(tx);
    });
    await assert.rejects(
      readNote(deps, { actor, context: context(), noteId: note.id }),
      (err: unknown) => err instanceof AppError && err.code === 'signature_mismatch',
    );
  });
});
