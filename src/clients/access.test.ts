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
import { withClientAccess } from './service.ts';

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
async function reach(practice: StaffedPractice, m: StaffMember, id = clientId) {
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
    for (const m of [p.staff.associate, p.staff.admin, p.staff.biller, p.staff.front_desk]) {
      assert.deepEqual(await reach(p, m), { clientId, breakGlass: false }, m.role);
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
    assert.deepEqual(await reach(p, p.secondAssociate), { clientId, breakGlass: true });
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
