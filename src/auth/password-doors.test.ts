import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { accountWithTotp, send, type Account } from '../testing/mfa-account.ts';
import { LIMITS } from '../platform/limits/rate-limits.ts';

// Every place a signed-in session types the password again spends the sign-in failure budget:
// a stolen cookie must not become an unlimited password oracle (issue 14, noticed while fixing
// re-authentication).

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const doors: {
  name: string;
  action: string;
  guess: (account: Account & { full: string }, password: string) => ReturnType<typeof send>;
}[] = [
  {
    name: 'removing a second factor (DELETE /mfa/devices/:id)',
    action: 'auth.mfa.removed',
    guess: (account, password) =>
      send(t, 'DELETE', '/api/v1/mfa/devices/totp', account.full, { password }),
  },
  {
    name: 'changing the password (POST /me/password)',
    action: 'auth.password.changed',
    guess: (account, password) =>
      send(t, 'POST', '/api/v1/me/password', account.full, {
        currentPassword: password,
        newPassword: 'a long new passphrase nobody guesses 42',
      }),
  },
];

describe('a password typed into a signed-in session is guessed no faster than at sign-in', () => {
  for (const door of doors) {
    test(door.name, async () => {
      const account = await accountWithTotp(t);
      for (let i = 0; i < LIMITS.signInFailuresPerAccount.points; i++) {
        const r = await door.guess(account, `not the password ${i}`);
        assert.equal(r.statusCode, 400, r.body);
      }
      const right = await door.guess(account, account.password);
      assert.equal(right.statusCode, 429, `the right password after the budget: ${right.body}`);
      assert.ok(Number(right.headers['retry-after']) > 0);
      const signIn = await send(t, 'POST', '/api/v1/session', undefined, {
        email: account.email,
        password: account.password,
      });
      assert.equal(signIn.statusCode, 429, 'the same budget as signing in');
      const audited = await t.db.withPractice(account.practiceId, (tx) =>
        tx
          .selectFrom('audit_events')
          .select(['action', 'outcome'])
          .where('action', 'in', [door.action, 'auth.login.locked'])
          .execute(),
      );
      assert.equal(
        audited.filter((a) => a.action === door.action && a.outcome === 'denied').length,
        LIMITS.signInFailuresPerAccount.points,
      );
      assert.equal(audited.filter((a) => a.action === 'auth.login.locked').length, 1);
    });
  }
});
