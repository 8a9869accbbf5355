import { sql } from 'kysely';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { LIMITS, type RateLimits } from '../platform/limits/rate-limits.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from './passwords.ts';

/**
 * The password typed again into a full session (POST /session/reauthenticate): the session is
 * stamped, and for five minutes it may add or replace second factors (mfa/enrolment-rule.ts).
 * A wrong password is audited and spends the account's sign-in failure budget, the one that
 * `POST /session` spends, keyed by the same email: a stolen session cookie buys no more guesses
 * at the password than the sign-in form gives. While that budget is spent, even the right
 * password is refused (429).
 */
export async function reauthenticate(
  db: Database,
  limits: RateLimits,
  actor: Actor,
  password: string,
  context: AuditContext,
): Promise<void> {
  const user = await db.withPractice(actor.practiceId, (tx) =>
    tx
      .selectFrom('users')
      .select(['email', 'password_hash'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow(),
  );
  await limits.check(LIMITS.signInFailuresPerAccount, user.email);
  const check = await verifyPassword(password, user.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (!check.ok) {
    const left = await limits.hit(LIMITS.signInFailuresPerAccount, user.email).catch(() => 0);
    await db.withPractice(actor.practiceId, async (tx) => {
      await audit(tx, context, {
        action: 'auth.reauthenticated',
        outcome: 'denied',
        subjectType: 'session',
        subjectId: actor.sessionId,
        detail: { reason: 'password' },
      });
      // That was the last failure allowed: the account's sign-in is locked for a while, as
      // after wrong passwords at the sign-in form.
      if (left === 0) {
        await audit(tx, context, {
          action: 'auth.login.locked',
          outcome: 'denied',
          subjectType: 'user',
          subjectId: actor.userId,
        });
      }
    });
    throw new AppError('invalid_credentials', {
      status: 400,
      message: 'Your password is not correct.',
    });
  }
  await db.withPractice(actor.practiceId, async (tx) => {
    await sql`update sessions set password_confirmed_at = now() where id = ${actor.sessionId}`.execute(
      tx,
    );
    await audit(tx, context, {
      action: 'auth.reauthenticated',
      subjectType: 'session',
      subjectId: actor.sessionId,
    });
  });
  await limits.reset(LIMITS.signInFailuresPerAccount, user.email);
}
