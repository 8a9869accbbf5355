import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../../testing/practice.ts';
import { hashPassword } from '../passwords.ts';
import { hashRecoveryCode } from './recovery-codes.ts';

const PASSWORD = 'juniper quarry lantern meadow';

let t: TestApp;
let hash = '';
before(async () => {
  t = await testApp();
  hash = await hashPassword(PASSWORD);
});
after(() => t.close());

/** Gives the admin a password, an authenticator, two passkeys and three recovery codes. */
async function enrolled(p: StaffedPractice, mfaRequired = true) {
  const userId = p.staff.admin.userId;
  const passkeyIds = await t.db.withPractice(p.practiceId, async (tx) => {
    await tx
      .updateTable('practices')
      .set({ mfa_required: mfaRequired })
      .where('id', '=', p.practiceId)
      .execute();
    await tx
      .updateTable('users')
      .set({ password_hash: hash, totp_enabled_at: new Date() })
      .where('id', '=', userId)
      .execute();
    const rows = await tx
      .insertInto('webauthn_credentials')
      .values(
        ['Laptop', 'Phone'].map((name) => ({
          user_id: userId,
          credential_id: `cred-${name}-${p.practiceId}`,
          public_key: Buffer.from('key'),
          name,
        })),
      )
      .returning('id')
      .execute();
    await tx
      .insertInto('mfa_recovery_codes')
      .values(['a', 'b', 'c'].map((c) => ({ user_id: userId, code_hash: hashRecoveryCode(c) })))
      .execute();
    return rows.map((r) => r.id);
  });
  return { userId, passkeyIds };
}

type Listing = {
  items: { id: string; kind: string; name: string }[];
  recoveryCodesLeft: number;
};

async function deniedCount(p: StaffedPractice, reason: string): Promise<number> {
  const rows = await t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['detail'])
      .where('action', '=', 'auth.mfa.removed')
      .where('outcome', '=', 'denied')
      .execute(),
  );
  return rows.filter((r) => (r.detail as Record<string, unknown>).reason === reason).length;
}

describe('MFA devices', () => {
  let p: StaffedPractice;
  beforeEach(async () => {
    p = await staffedPractice(t);
  });

  test('lists my factors and recovery codes left; nobody else’s', async () => {
    const empty = await callAs(t, p.staff.admin, 'GET', '/api/v1/mfa/devices');
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { items: [], nextCursor: null, recoveryCodesLeft: 0 });
    const { passkeyIds } = await enrolled(p);
    const list = (await callAs(t, p.staff.admin, 'GET', '/api/v1/mfa/devices')).json<Listing>();
    assert.deepEqual(
      list.items.map((d) => [d.id, d.kind, d.name]),
      [
        ['totp', 'totp', 'Authenticator app'],
        [passkeyIds[0], 'passkey', 'Laptop'],
        [passkeyIds[1], 'passkey', 'Phone'],
      ],
    );
    assert.equal(list.recoveryCodesLeft, 3);
    const theirs = await callAs(t, p.staff.associate, 'GET', '/api/v1/mfa/devices');
    assert.deepEqual(theirs.json<Listing>().items, []);
  });

  test('a wrong password removes nothing, and the refusal is audited', async () => {
    const { passkeyIds } = await enrolled(p);
    const res = await callAs(t, p.staff.admin, 'DELETE', `/api/v1/mfa/devices/${passkeyIds[0]}`, {
      password: 'not my password at all',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'invalid_credentials');
    const list = (await callAs(t, p.staff.admin, 'GET', '/api/v1/mfa/devices')).json<Listing>();
    assert.equal(list.items.length, 3);
    assert.equal(await deniedCount(p, 'current_password'), 1);
  });

  test('removes factors one by one, audited, but never the last where MFA is required', async () => {
    const { userId, passkeyIds } = await enrolled(p);
    for (const id of [passkeyIds[0], 'totp']) {
      const res = await callAs(t, p.staff.admin, 'DELETE', `/api/v1/mfa/devices/${id}`, {
        password: PASSWORD,
      });
      assert.equal(res.statusCode, 204, id);
    }
    const user = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('users')
        .select(['totp_enabled_at', 'totp_secret'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow(),
    );
    assert.equal(user.totp_enabled_at, null);
    const last = await callAs(t, p.staff.admin, 'DELETE', `/api/v1/mfa/devices/${passkeyIds[1]}`, {
      password: PASSWORD,
    });
    assert.equal(last.statusCode, 409);
    assert.equal(last.json().error.code, 'last_factor');
    assert.match(last.json().error.message, /Add another one/);
    const list = (await callAs(t, p.staff.admin, 'GET', '/api/v1/mfa/devices')).json<Listing>();
    assert.deepEqual(
      list.items.map((d) => d.name),
      ['Phone'],
    );
    assert.equal(list.recoveryCodesLeft, 3);
    assert.equal(await deniedCount(p, 'last_factor'), 1);
    const removed = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select(['detail', 'subject_id'])
        .where('action', '=', 'auth.mfa.removed')
        .where('outcome', '=', 'success')
        .execute(),
    );
    assert.deepEqual(removed.map((r) => (r.detail as Record<string, unknown>).kind).sort(), [
      'passkey',
      'totp',
    ]);
    assert.ok(removed.every((r) => r.subject_id === userId));
  });

  test('without an MFA requirement the last factor goes, and its recovery codes with it', async () => {
    const { passkeyIds } = await enrolled(p, false);
    for (const id of ['totp', passkeyIds[0], passkeyIds[1]]) {
      const res = await callAs(t, p.staff.admin, 'DELETE', `/api/v1/mfa/devices/${id}`, {
        password: PASSWORD,
      });
      assert.equal(res.statusCode, 204, id);
    }
    const list = (await callAs(t, p.staff.admin, 'GET', '/api/v1/mfa/devices')).json<Listing>();
    assert.deepEqual(list, { items: [], nextCursor: null, recoveryCodesLeft: 0 });
  });

  test('another practice’s passkey, an unknown id: 404, and the passkey stays', async () => {
    const { passkeyIds } = await enrolled(p);
    const other = await staffedPractice(t, 'Elsewhere');
    await enrolled(other);
    for (const id of [passkeyIds[0], '00000000-0000-4000-8000-000000000000', 'sms']) {
      const res = await callAs(t, other.staff.admin, 'DELETE', `/api/v1/mfa/devices/${id}`, {
        password: PASSWORD,
      });
      assert.equal(res.statusCode, 404, id);
    }
    const list = (await callAs(t, p.staff.admin, 'GET', '/api/v1/mfa/devices')).json<Listing>();
    assert.equal(list.items.length, 3);
  });

  test('without a session: 401; without a password: 400', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/mfa/devices' });
    assert.equal(anon.statusCode, 401);
    const bare = await callAs(t, p.staff.admin, 'DELETE', '/api/v1/mfa/devices/totp', {});
    assert.equal(bare.statusCode, 400);
  });
});
