import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t, 'Other');
});
after(() => t.close());

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

async function liveSessions(practice: StaffedPractice, userId: string): Promise<number> {
  const rows = await t.db.withPractice(practice.practiceId, (tx) =>
    tx
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute(),
  );
  return rows.length;
}

describe("ending a staff member's sessions", () => {
  test('an unknown id is 404, and nothing is recorded as ended', async () => {
    const r = await callAs(t, p.staff.admin, 'DELETE', `/api/v1/users/${UNKNOWN}/sessions`);
    assert.equal(r.statusCode, 404, r.body);
    assert.equal(r.json<{ error: { code: string } }>().error.code, 'not_found');
    const audited = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'auth.session.revoked')
        .where('outcome', '=', 'success')
        .execute(),
    );
    assert.equal(audited.length, 0);
  });

  test('another practice’s user is 404, and their session goes on', async () => {
    const theirs = other.staff.biller;
    const r = await callAs(t, p.staff.admin, 'DELETE', `/api/v1/users/${theirs.userId}/sessions`);
    assert.equal(r.statusCode, 404, r.body);
    assert.equal(await liveSessions(other, theirs.userId), 1);
    assert.equal((await callAs(t, theirs, 'GET', '/api/v1/me')).statusCode, 200);
  });

  test('a colleague’s sessions end (200 with the count), audited', async () => {
    const colleague = p.staff.front_desk;
    const r = await callAs(
      t,
      p.staff.admin,
      'DELETE',
      `/api/v1/users/${colleague.userId}/sessions`,
    );
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json(), { ended: 1 });
    assert.equal((await callAs(t, colleague, 'GET', '/api/v1/me')).statusCode, 401);
  });
});

describe('the staff list’s MFA flag', () => {
  test('counts a passkey as MFA', async () => {
    const { userId } = p.staff.supervisor;
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .insertInto('webauthn_credentials')
        .values({ user_id: userId, credential_id: `cred-${userId}`, public_key: Buffer.from('k') })
        .execute(),
    );
    const r = await callAs(t, p.staff.admin, 'GET', '/api/v1/users');
    const items = r.json<{ items: { id: string; mfaEnabled: boolean }[] }>().items;
    assert.equal(items.find((m) => m.id === userId)?.mfaEnabled, true, 'passkey only');
    assert.equal(items.find((m) => m.id === p.staff.biller.userId)?.mfaEnabled, false, 'none');
  });
});

describe('one active admin always stays, even under concurrent requests', () => {
  const ROUNDS = 6;
  const changes = [
    (who: StaffedPractice['staff']['admin'], id: string) =>
      callAs(t, who, 'PATCH', `/api/v1/users/${id}`, { role: 'biller' }),
    (who: StaffedPractice['staff']['admin'], id: string) =>
      callAs(t, who, 'PATCH', `/api/v1/users/${id}`, { status: 'suspended' }),
    (who: StaffedPractice['staff']['admin'], id: string) =>
      callAs(t, who, 'DELETE', `/api/v1/users/${id}`),
  ];

  for (const [i, change] of changes.entries()) {
    test(`two admins ${['demoted', 'suspended', 'removed'][i]} at once: one of them stays`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const practice = await staffedPractice(t, `Race ${i}.${round}`);
        const first = practice.staff.admin;
        const second = practice.secondAssociate;
        await t.db.withPractice(practice.practiceId, (tx) =>
          tx.updateTable('users').set({ role: 'admin' }).where('id', '=', second.userId).execute(),
        );
        // Each admin takes the other out, at the same moment (on PostgreSQL, two connections).
        const answers = await Promise.all([
          change(first, second.userId),
          change(second, first.userId),
        ]);
        const admins = await t.db.withPractice(practice.practiceId, (tx) =>
          tx
            .selectFrom('users')
            .select('id')
            .where('role', '=', 'admin')
            .where('status', '=', 'active')
            .execute(),
        );
        const codes = answers.map((a) => a.statusCode).join(', ');
        assert.equal(admins.length, 1, `round ${round}: ${admins.length} active admins (${codes})`);
        assert.ok(
          answers.some((a) => a.statusCode === 409 || a.statusCode === 401),
          `round ${round}: ${codes}`,
        );
      }
    });
  }
});
