import type { Database } from '../../platform/db/database.ts';
import { insertAlert } from '../../platform/alerting/alerts.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { LIMITS, type RateLimits } from '../../platform/limits/rate-limits.ts';

/** The answers that mean a code (or passkey) was tried and was wrong. */
const WRONG = new Set(['invalid_code', 'too_many_attempts', 'invalid_passkey']);

const rule = LIMITS.mfaFailuresPerUser;

/**
 * The wrong try that spends the account's last one: the lockout. Recorded once, because only
 * one try can be the one that leaves none (the limiter counts atomically, in Redis too).
 */
async function recordLockout(db: Database, actor: Actor, context: AuditContext): Promise<void> {
  await db.withPractice(actor.practiceId, async (tx) => {
    await audit(tx, context, {
      action: 'auth.login.locked',
      outcome: 'denied',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { reason: 'second_factor_guesses' },
    });
    await insertAlert(tx, {
      kind: 'mfa_lockout',
      severity: 'warning',
      message: `A staff member entered ${rule.points} wrong second-factor codes within ${rule.windowSeconds / 60} minutes, so Hearth stopped accepting their codes for ${(rule.blockSeconds ?? 0) / 60} minutes. Whoever tried knew their password. Ask them whether it was them; if not, have them change their password at once, and review the audit log for this user.`,
      detail: { userId: actor.userId },
    });
  });
}

/**
 * One try at a second factor — a code at sign-in or at set-up, or a passkey at sign-in —
 * against the account's budget (LIMITS.mfaFailuresPerUser: every session's tries together and,
 * with Redis, every process's). The try is paid for before the code is checked, so that tries
 * sent at once cannot all be checked while the count lags behind them; a right answer, or a
 * request that checked nothing, gets it back. No tries left: 429 with Retry-After, even for
 * the right code.
 */
export async function spendSecondFactorTry<T>(
  db: Database,
  limits: RateLimits,
  actor: Actor,
  context: AuditContext,
  attempt: () => Promise<T>,
): Promise<T> {
  const left = await limits.hit(rule, actor.userId);
  try {
    const result = await attempt();
    await limits.refund(rule, actor.userId);
    return result;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !WRONG.has(code)) {
      await limits.refund(rule, actor.userId);
    } else if (left === 0) {
      await recordLockout(db, actor, context);
    }
    throw err;
  }
}
