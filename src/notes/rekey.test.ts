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
import { readVersion } from './history/history.ts';
import { createNote, readNote, type NoteDeps } from './service.ts';
import { signNote, unlockNote } from './signing/signing.ts';
import { addAddendum } from './signing/addenda.ts';
import { createSafetyPlan, readSafetyPlan } from '../safety-plans/service.ts';

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

/** The key id of every sealed value of the practice's notes, history, addenda and safety plans. */
const sealedKeyIds = () =>
  w.t.db.withPractice(w.p.practiceId, async (tx) => {
    const { rows } = await sql<{ place: string; key: string }>`
      select 'notes' as place, split_part(fields_sealed, '.', 2) as key from notes
      union all select 'note_versions.fields', split_part(fields_sealed, '.', 2) from note_versions where fields_sealed is not null
      union all select 'note_versions.reason', split_part(reason_sealed, '.', 2) from note_versions where reason_sealed is not null
      union all select 'note_addenda', split_part(text_sealed, '.', 2) from note_addenda
      union all select 'safety_plans', split_part(contents_sealed, '.', 2) from safety_plans`.execute(
      tx,
    );
    return rows;
  });

describe('re-keying and signed notes', () => {
  test('re-keying moves every note, history entry, unlock reason, addendum and safety plan to the new key', async () => {
    const clientId = await addClient(w.t, w.p, [w.p.staff.supervisor]);
    const input = { template: 'soap' as const, fields: SOAP };
    const acting = { actor, context: context() };
    const note = await createNote(deps, { ...acting, clientId, input });
    await signNote(deps, { ...acting, noteId: note.id });
    await addAddendum(deps, { ...acting, noteId: note.id, text: 'Phone call on Friday.' });
    const unlocked = await createNote(deps, { ...acting, clientId, input });
    await signNote(deps, { ...acting, noteId: unlocked.id });
    await unlockNote(deps, {
      ...acting,
      noteId: unlocked.id,
      confirm: true,
      reason: 'The date of service was wrong.',
    });
    const draft = await createNote(deps, { ...acting, clientId, input });
    const plan = await createSafetyPlan(deps, {
      ...acting,
      clientId,
      input: { warningSigns: ['Not sleeping'] },
    });
    const before = await sealedKeyIds();
    const [oldKey] = new Set(before.map((r) => r.key));
    assert.equal(new Set(before.map((r) => r.key)).size, 1);
    assert.deepEqual([...new Set(before.map((r) => r.place))].sort(), [
      'note_addenda',
      'note_versions.fields',
      'note_versions.reason',
      'notes',
      'safety_plans',
    ]);

    const result = await rekeyPracticeFields(w.t.db, deps.fields, keyring, w.p.practiceId, {
      startedBefore: new Date(Date.now() + 1000),
    });
    assert.equal(result.reencrypted, before.length);
    assert.equal(result.unreadable, 0);
    assert.equal(result.keysKept, 0, 'nothing is left under the old key');
    assert.equal(result.keysDestroyed, 1);
    const after = await sealedKeyIds();
    assert.equal(after.length, before.length);
    assert.ok(after.every((r) => r.key !== oldKey && r.key === after[0]!.key));

    const read = await readNote(deps, { ...acting, noteId: note.id });
    assert.deepEqual(read.fields, SOAP);
    assert.equal(read.status, 'signed');
    assert.deepEqual(
      read.addenda.map((a) => a.text),
      ['Phone call on Friday.'],
    );
    const signed = await readVersion(deps, { ...acting, noteId: note.id, n: 1 });
    assert.deepEqual(signed.fields, SOAP);
    const unlock = await readVersion(deps, { ...acting, noteId: unlocked.id, n: 2 });
    assert.equal(unlock.reason, 'The date of service was wrong.');
    const reread = await readSafetyPlan(deps, { ...acting, planId: plan.id });
    assert.deepEqual(reread.warningSigns, ['Not sleeping']);
    assert.equal((await readNote(deps, { ...acting, noteId: draft.id })).status, 'draft');
  });

  test('write-once rows change only through the re-sealing function, and only to the active key', async () => {
    const clientId = await addClient(w.t, w.p, [w.p.staff.supervisor]);
    const acting = { actor, context: context() };
    const plan = await createSafetyPlan(deps, {
      ...acting,
      clientId,
      input: { warningSigns: ['Withdrawn'] },
    });
    const stored = async () =>
      (
        await w.t.db.withPractice(w.p.practiceId, (tx) =>
          sql<{
            v: string;
          }>`select contents_sealed as v from safety_plans where id = ${plan.id}`.execute(tx),
        )
      ).rows[0]!.v;
    const original = await stored();
    const ref = { table: 'safety_plans', column: 'contents_sealed', rowId: plan.id };
    // As the app role, with the flag set by hand: the trigger still refuses.
    await assert.rejects(
      w.t.db.withPractice(w.p.practiceId, async (tx) => {
        await sql`select set_config('hearth.resealing', 'on', true)`.execute(tx);
        await sql`update safety_plans set contents_sealed = contents_sealed where id = ${plan.id}`.execute(
          tx,
        );
      }),
      /permission denied|not allowed/,
    );
    // Through the function but onto the same key (no rotation happened): refused.
    await assert.rejects(
      w.t.db.withPractice(w.p.practiceId, async (tx) => {
        const resealed = await deps.fields.seal(tx, ref, '{"warningSigns":["Other words"]}');
        await sql`select hearth_reseal_immutable('safety_plans', 'contents_sealed', ${plan.id}, ${original}, ${resealed})`.execute(
          tx,
        );
      }),
      /only move to its practice's active field key/,
    );
    // A column that is not a write-once sealed value: refused.
    await assert.rejects(
      w.t.db.withPractice(w.p.practiceId, (tx) =>
        sql`select hearth_reseal_immutable('safety_plans', 'author_id', ${plan.id}, ${original}, ${original})`.execute(
          tx,
        ),
      ),
      /not a sealed column of write-once rows/,
    );
    assert.equal(await stored(), original);
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
