import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { testApp, type TestApp } from '../testing/app.ts';
import {
  callAs,
  staffedPractice,
  type StaffedPractice,
  type StaffMember,
} from '../testing/practice.ts';
import { withClientAccess, type Target } from './service.ts';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
let clientId = '';

const actorOf = (practice: StaffedPractice, m: StaffMember): Actor => ({
  userId: m.userId,
  practiceId: practice.practiceId,
  role: m.role,
  sessionId: randomUUID(),
  mfaPending: false,
});
const context = (m: StaffMember) => ({
  actor: { type: 'user' as const, userId: m.userId, role: m.role },
});

/** What withClientAccess answers: the access it granted, or the error's status and code. */
async function reach(practice: StaffedPractice, m: StaffMember, id: string | Target = clientId) {
  try {
    return await withClientAccess(
      t.db,
      actorOf(practice, m),
      id,
      context(m),
      'client.read',
      async (_tx, access) => access,
    );
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, code: err.code };
    throw err;
  }
}

const denials = () =>
  t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['actor_user_id', 'client_id'])
      .where('outcome', '=', 'denied')
      .where('action', '=', 'client.read')
      .execute(),
  );

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t);
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Rowan',
    lastName: 'Achebe',
    dateOfBirth: '1990-02-03',
    clinicianIds: [p.staff.associate.userId],
  });
  assert.equal(r.statusCode, 201, r.body);
  clientId = r.json<{ id: string }>().id;
});
after(() => t.close());

describe('withClientAccess: the door to one client’s records', () => {
  test('the clinician in whose care the client is, and whole-practice roles, get in', async () => {
    const care = { clientId, reach: 'care', breakGlass: false };
    assert.deepEqual(await reach(p, p.staff.associate), care);
    for (const m of [p.staff.admin, p.staff.biller, p.staff.front_desk]) {
      assert.deepEqual(await reach(p, m), { ...care, reach: 'practice' }, m.role);
    }
  });

  test('another clinician gets 403 not_your_client, and the refusal is kept in the audit trail', async () => {
    assert.deepEqual(await reach(p, p.secondAssociate), { status: 403, code: 'not_your_client' });
    assert.deepEqual(await denials(), [
      { actor_user_id: p.secondAssociate.userId, client_id: clientId },
    ]);
  });

  test('break-glass lets them in, flagged', async () => {
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .insertInto('break_glass_grants')
        .values({
          user_id: p.secondAssociate.userId,
          client_id: clientId,
          reason: 'Client called in crisis',
          expires_at: new Date(Date.now() + 60_000),
        })
        .execute(),
    );
    assert.deepEqual(await reach(p, p.secondAssociate), {
      clientId,
      reach: 'break_glass',
      breakGlass: true,
    });
  });

  test('supervision opens the notes of a supervisee, for roles that read them; holding an appointment opens it', async () => {
    // The supervisor supervises the second associate; neither has the client in their care
    // (the grant above is the second associate's, not the supervisor's).
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .updateTable('users')
        .set({ supervisor_id: p.staff.supervisor.userId })
        .where('id', '=', p.secondAssociate.userId)
        .execute(),
    );
    const note = { clientId, authorId: p.secondAssociate.userId };
    assert.deepEqual(await reach(p, p.staff.supervisor, note), {
      clientId,
      reach: 'supervision',
      breakGlass: false,
    });
    // Supervising the client's clinician is not supervising a record's author.
    assert.deepEqual(await reach(p, p.staff.supervisor), { status: 403, code: 'not_your_client' });
    // An associate the database says supervises someone still has no right to their notes.
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .updateTable('users')
        .set({ supervisor_id: p.staff.associate.userId })
        .where('id', '=', p.secondAssociate.userId)
        .execute(),
    );
    const other = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
      firstName: 'Noor',
      lastName: 'Achebe',
      dateOfBirth: '1991-02-03',
    });
    const outside = other.json<{ id: string }>().id;
    const theirs = { clientId: outside, authorId: p.secondAssociate.userId };
    assert.deepEqual(await reach(p, p.staff.associate, theirs), {
      status: 403,
      code: 'not_your_client',
    });
    const held = { clientId: outside, holderId: p.staff.associate.userId };
    assert.deepEqual(await reach(p, p.staff.associate, held), {
      clientId: outside,
      reach: 'care',
      breakGlass: false,
    });
  });

  test('an expired break-glass grant opens nothing', async () => {
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .updateTable('break_glass_grants')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('user_id', '=', p.secondAssociate.userId)
        .execute(),
    );
    assert.deepEqual(await reach(p, p.secondAssociate), { status: 403, code: 'not_your_client' });
  });

  test('another practice, or an unknown id, is a 404 and nothing is recorded against the client', async () => {
    const before = (await denials()).length;
    assert.deepEqual(await reach(other, other.staff.admin), { status: 404, code: 'not_found' });
    assert.deepEqual(await reach(p, p.staff.admin, randomUUID()), {
      status: 404,
      code: 'not_found',
    });
    assert.equal((await denials()).length, before);
  });
});
