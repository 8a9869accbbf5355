import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../testing/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { cookieOf } from '../testing/http.ts';

let t: TestApp;
let practiceId: string;
let admin: string;
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const NEW_PASSWORD = 'amber meadow trellis sparrow';

function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  cookie?: string,
  payload?: object,
) {
  return t.app.inject({
    method,
    url,
    headers: { ...SAME_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await call('POST', '/api/v1/session', undefined, { email, password });
  assert.equal(r.statusCode, 200, r.body);
  return cookieOf(r);
}

interface Member {
  id: string;
  role: string;
  status: string;
  email: string;
  inviteUrl?: string;
}

before(async () => {
  t = await testApp();
  practiceId = (await seedDemo(t.db)).practiceId;
  admin = await signIn('admin@hearth-demo.test');
});
after(() => t.close());

describe('staff management', () => {
  let invited: Member;
  let token: string;

  test('an admin invites a colleague: an invited account, an emailed single-use link, an audit row', async () => {
    const r = await call('POST', '/api/v1/users', admin, {
      name: 'Ivy Invited',
      email: 'Ivy@Example.org',
      role: 'associate',
    });
    assert.equal(r.statusCode, 201, r.body);
    invited = r.json<Member>();
    assert.equal(invited.status, 'invited');
    assert.equal(invited.email, 'ivy@example.org');
    token = decodeURIComponent(invited.inviteUrl!.split('#')[1]!);
    const mail = await t.db.withPractice(practiceId, (tx) =>
      tx
        .selectFrom('notification_outbox')
        .select(['recipient', 'body'])
        .where('recipient', '=', 'ivy@example.org')
        .executeTakeFirstOrThrow(),
    );
    assert.ok(mail.body.includes(invited.inviteUrl!));
    const stored = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('account_tokens').select('token_hash').execute(),
    );
    assert.ok(
      stored.every((s) => !token.includes(Buffer.from(s.token_hash).toString('base64url'))),
    );
    const dup = await call('POST', '/api/v1/users', admin, {
      name: 'Again',
      email: 'ivy@example.org',
      role: 'biller',
    });
    assert.equal(dup.statusCode, 409);
  });

  test('accepting: a weak password is refused and the link still works; then it works once', async () => {
    const weak = await call('POST', '/api/v1/invitations/accept', undefined, {
      token,
      password: 'short',
    });
    assert.equal(weak.statusCode, 400);
    const ok = await call('POST', '/api/v1/invitations/accept', undefined, {
      token,
      password: NEW_PASSWORD,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(
      ok.json<{ enrollmentRequired: boolean }>().enrollmentRequired,
      false,
      'demo practice',
    );
    const me = await call('GET', '/api/v1/me', cookieOf(ok));
    assert.equal(me.json<{ user: { role: string } }>().user.role, 'associate');
    const again = await call('POST', '/api/v1/invitations/accept', undefined, {
      token,
      password: NEW_PASSWORD,
    });
    assert.equal(again.statusCode, 400);
    assert.equal(again.json<{ error: { code: string } }>().error.code, 'invalid_invitation');
  });

  test('an expired invitation is refused', async () => {
    const r = await call('POST', '/api/v1/users', admin, {
      name: 'Late Larry',
      email: 'larry@example.org',
      role: 'biller',
    });
    const late = decodeURIComponent(r.json<Member>().inviteUrl!.split('#')[1]!);
    await t.db.withPractice(practiceId, (tx) =>
      sql`update account_tokens set expires_at = now() - interval '1 minute' where used_at is null`.execute(
        tx,
      ),
    );
    const refused = await call('POST', '/api/v1/invitations/accept', undefined, {
      token: late,
      password: NEW_PASSWORD,
    });
    assert.equal(refused.statusCode, 400);
  });

  test('a role change ends the person’s sessions and is audited with from/to', async () => {
    const ivy = await signIn('ivy@example.org', NEW_PASSWORD);
    const r = await call('PATCH', `/api/v1/users/${invited.id}`, admin, { role: 'supervisor' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json<Member>().role, 'supervisor');
    assert.equal((await call('GET', '/api/v1/me', ivy)).statusCode, 401);
    const events = await t.db.withPractice(practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'user.role.changed')
        .execute(),
    );
    // Two sessions: the one the invitation opened and the sign-in above.
    assert.deepEqual(events[0]?.detail, { from: 'associate', to: 'supervisor', sessionsEnded: 2 });
  });

  test('suspension cuts the person off and they cannot sign in; reactivation restores access', async () => {
    const ivy = await signIn('ivy@example.org', NEW_PASSWORD);
    assert.equal(
      (await call('PATCH', `/api/v1/users/${invited.id}`, admin, { status: 'suspended' }))
        .statusCode,
      200,
    );
    assert.equal((await call('GET', '/api/v1/me', ivy)).statusCode, 401);
    const refused = await call('POST', '/api/v1/session', undefined, {
      email: 'ivy@example.org',
      password: NEW_PASSWORD,
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(
      (await call('PATCH', `/api/v1/users/${invited.id}`, admin, { status: 'active' })).statusCode,
      200,
    );
    await signIn('ivy@example.org', NEW_PASSWORD);
  });

  test('the last active admin cannot be demoted, suspended or removed', async () => {
    const me = (await call('GET', '/api/v1/me', admin)).json<{ user: { id: string } }>().user.id;
    for (const [method, body] of [
      ['PATCH', { role: 'biller' }],
      ['PATCH', { status: 'suspended' }],
      ['DELETE', undefined],
    ] as const) {
      const r = await call(method, `/api/v1/users/${me}`, admin, body);
      assert.equal(r.statusCode, 409, `${method} ${JSON.stringify(body)}`);
      assert.equal(r.json<{ error: { code: string } }>().error.code, 'last_admin');
    }
  });

  test('non-admins are refused; another practice’s staff id is a 404 and changes nothing', async () => {
    const frontDesk = await signIn('frontdesk@hearth-demo.test');
    assert.equal((await call('GET', '/api/v1/users', frontDesk)).statusCode, 403);
    const other = await call('POST', '/api/v1/signup', undefined, {
      practiceName: 'Elsewhere Clinic',
      name: 'Eli Else',
      email: 'eli@elsewhere.test',
      password: 'granite orchard lullaby kettle',
      baa: { accepted: true, signature: 'Eli Else' },
    });
    const otherPractice = other.json<{ practice: { id: string }; user: { id: string } }>();
    const r = await call('PATCH', `/api/v1/users/${otherPractice.user.id}`, admin, {
      role: 'biller',
    });
    assert.equal(r.statusCode, 404);
    const role = await t.db.withPractice(otherPractice.practice.id, (tx) =>
      tx
        .selectFrom('users')
        .select('role')
        .where('id', '=', otherPractice.user.id)
        .executeTakeFirstOrThrow(),
    );
    assert.equal(role.role, 'admin');
  });

  test('my sessions: listed, one ended, then everywhere', async () => {
    const second = await signIn('admin@hearth-demo.test');
    const list = (await call('GET', '/api/v1/sessions', second)).json<{
      items: { id: string; current: boolean }[];
    }>();
    assert.ok(list.items.length >= 2);
    const other = list.items.find((s) => !s.current)!;
    assert.equal((await call('DELETE', `/api/v1/sessions/${other.id}`, second)).statusCode, 204);
    assert.equal((await call('DELETE', `/api/v1/sessions/${other.id}`, second)).statusCode, 404);
    const everywhere = await call('DELETE', '/api/v1/sessions', second);
    assert.ok(everywhere.json<{ ended: number }>().ended >= 1);
    assert.equal((await call('GET', '/api/v1/me', second)).statusCode, 401);
    admin = await signIn('admin@hearth-demo.test');
  });
});
