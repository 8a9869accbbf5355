import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { AuditAction } from '../platform/audit-trail/actions.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { LIMITS, type RateLimits } from '../platform/limits/rate-limits.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from './passwords.ts';

/**
 * The password typed again inside a signed-in session — to confirm it (re-authentication),
 * change it, or remove a second factor. Every such door spends the account's sign-in failure
 * budget, the one `POST /session` spends, keyed by the same email: a stolen session cookie buys
 * no more guesses at the password than the sign-in form gives, and while that budget is spent
 * even the right password is refused (429). A wrong password is audited as `action`, denied,
 * with `detail.reason`; the one that spends the budget also as `auth.login.locked`.
 */
export async function confirmPassword(
  db: Database,
  limits: RateLimits,
  actor: Actor,
  password: string,
  refusal: {
    context: AuditContext;
    action: AuditAction;
    reason: string;
    message: string;
    subject?: { type: string; id: string };
  },
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
  if (check.ok) {
    await limits.reset(LIMITS.signInFailuresPerAccount, user.email);
    return;
  }
  const left = await limits.hit(LIMITS.signInFailuresPerAccount, user.email).catch(() => 0);
  await db.withPractice(actor.practiceId, async (tx) => {
    await audit(tx, refusal.context, {
      action: refusal.action,
      outcome: 'denied',
      ...(refusal.subject
        ? { subjectType: refusal.subject.type, subjectId: refusal.subject.id }
        : {}),
      detail: { reason: refusal.reason },
    });
    // That was the last failure allowed: the account's sign-in is locked for a while, as
    // after wrong passwords at the sign-in form.
    if (left === 0) {
      await audit(tx, refusal.context, {
        action: 'auth.login.locked',
        outcome: 'denied',
        subjectType: 'user',
        subjectId: actor.userId,
      });
    }
  });
  throw new AppError('invalid_credentials', { status: 400, message: refusal.message });
}
