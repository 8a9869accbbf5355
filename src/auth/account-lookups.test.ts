import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../testing/app.ts';
import { seedDemo, DEMO_PASSWORD } from '../demo/seed.ts';
import { anyAddress, signUpPractice, type SignedUp } from '../testing/auth.ts';
import { SAME_ORIGIN } from '../testing/http.ts';
import { APP_ROLE, JOBS_ROLE } from '../platform/db/roles.ts';

// Sign-in and password reset find an email's account before any practice is known. They must
// not do it with the jobs role's rights over every practice (issue 14, item 9): a narrow
// function answers for one email, called as the app role.
const LOOKUPS = ['hearth_sign_in_account', 'hearth_password_reset_account'] as const;
let t: TestApp;
let other: SignedUp;
before(async () => {
  t = await testApp();
  await seedDemo(t.db);
  other = await signUpPractice(t.app);
});
after(() => t.close());

/** Calls a lookup as the app role with no practice, as sign-in does, and returns every row. */
async function lookUp(fn: (typeof LOOKUPS)[number], email: unknown) {
  return t.db
    .unsafeOwnerConnection()
    .transaction()
    .execute(async (tx) => {
      await sql.raw(`select set_config('role', '${APP_ROLE}', true)`).execute(tx);
      const { rows } = await sql<
        Record<string, unknown>
      >`select * from ${sql.raw(fn)}(${email})`.execute(tx);
      return rows;
    });
}

describe('account lookups before the practice is known', () => {
  test('each answers for exactly the email it is given, with only what its caller needs', async () => {
    const [admin] = await lookUp('hearth_sign_in_account', 'admin@hearth-demo.test');
    assert.deepEqual(Object.keys(admin ?? {}).sort(), ['id', 'password_hash', 'practice_id']);
    assert.match(String(admin?.password_hash), /^scrypt\$/);
    const [mine] = await lookUp('hearth_sign_in_account', other.body.email);
    assert.equal(mine?.id, other.userId);
    assert.equal(mine?.practice_id, other.practiceId);
    const [reset] = await lookUp('hearth_password_reset_account', other.body.email);
    assert.deepEqual(reset, { id: other.userId, practice_id: other.practiceId });
  });

  test('no pattern, empty, null or injected email lists anyone', async () => {
    for (const fn of LOOKUPS) {
      for (const email of [
        'nobody@hearth-demo.test',
        '%',
        '%@hearth-demo.test',
        '',
        null,
        "admin@hearth-demo.test' or '1'='1",
        'ADMIN@hearth-demo.test ',
      ]) {
        assert.deepEqual(await lookUp(fn, email), [], `${fn}(${String(email)})`);
      }
    }
  });

  test('the app role alone sees no account of any practice, before or after a lookup', async () => {
    const seen = await t.db
      .unsafeOwnerConnection()
      .transaction()
      .execute(async (tx) => {
        await sql.raw(`select set_config('role', '${APP_ROLE}', true)`).execute(tx);
        const count = async () =>
          Number(
            (await sql<{ n: string }>`select count(*) as n from users`.execute(tx)).rows[0]?.n,
          );
        const before = await count();
        await sql`select * from hearth_sign_in_account('admin@hearth-demo.test')`.execute(tx);
        const { rows } = await sql<{ role: string; switch: string | null }>`
          select current_user as role, current_setting('app.cross_practice', true) as switch`.execute(
          tx,
        );
        return { before, after: await count(), ...rows[0] };
      });
    assert.deepEqual(seen, { before: 0, after: 0, role: APP_ROLE, switch: '' });
  });

  test('they run as their owner with a fixed search path; only the app role may call them', async () => {
    for (const fn of LOOKUPS) {
      const { rows } = await sql<{
        definer: boolean;
        config: string[] | null;
        owner: string;
        me: string;
        app: boolean;
        jobs: boolean;
        anyone: boolean;
      }>`select p.prosecdef as definer, p.proconfig as config,
                pg_get_userbyid(p.proowner) as owner, current_user as me,
                has_function_privilege(${APP_ROLE}, p.oid, 'execute') as app,
                has_function_privilege(${JOBS_ROLE}, p.oid, 'execute') as jobs,
                exists (select 1 from aclexplode(p.proacl) a
                         where a.grantee = 0 and a.privilege_type = 'EXECUTE') as anyone
           from pg_proc p where p.proname = ${fn}`.execute(t.db.unsafeOwnerConnection());
      assert.equal(rows.length, 1, `${fn} exists once`);
      const [p] = rows;
      assert.equal(p?.definer, true, `${fn} is SECURITY DEFINER`);
      assert.equal(p?.owner, p?.me, `${fn} is owned by the migrating user`);
      assert.ok(p?.config?.includes('search_path=pg_catalog, public'), String(p?.config));
      assert.equal(p?.app, true, `${fn}: the app role may call it`);
      assert.equal(p?.jobs, false, `${fn}: the jobs role may not`);
      assert.equal(p?.anyone, false, `${fn}: PUBLIC may not`);
    }
  });

  test('sign-in and password reset work with the jobs role denied every account row', async () => {
    const owner = t.db.unsafeOwnerConnection();
    // Were either path to use the cross-practice role, it would now fail.
    await sql.raw(`revoke select on users from ${JOBS_ROLE}`).execute(owner);
    try {
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: SAME_ORIGIN,
        remoteAddress: anyAddress(),
        payload: { email: 'admin@hearth-demo.test', password: DEMO_PASSWORD },
      });
      assert.equal(signIn.statusCode, 200, signIn.body);
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: SAME_ORIGIN,
        remoteAddress: anyAddress(),
        payload: { email: 'nobody@hearth-demo.test', password: 'no such account here' },
      });
      assert.equal(wrong.statusCode, 401, wrong.body);
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/v1/password-reset',
        headers: SAME_ORIGIN,
        remoteAddress: anyAddress(),
        payload: { email: 'biller@hearth-demo.test' },
      });
      assert.equal(reset.statusCode, 202, reset.body);
      const queued = await t.db.unscopedAcrossPractices(
        { job: 'test', reason: 'see the reset link was queued' },
        (tx) =>
          tx
            .selectFrom('notification_outbox')
            .select('recipient')
            .where('recipient', '=', 'biller@hearth-demo.test')
            .execute(),
      );
      assert.equal(queued.length, 1);
    } finally {
      await sql.raw(`grant select on users to ${JOBS_ROLE}`).execute(owner);
    }
  });
});
