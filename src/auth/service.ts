import { AppError } from '../platform/errors.ts';
import { LIMITS, type RateLimits } from '../platform/limits/rate-limits.ts';
import { clientAddress } from '../platform/http/client-address.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.ts';
import {
  insertSession,
  revokeSession,
  selectLoginCandidate,
  selectSignInState,
  updatePasswordHash,
} from './queries.ts';
import { newSessionToken, SESSION_ABSOLUTE_HOURS } from './session-token.ts';

export interface RequestInfo {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

export interface SignedIn {
  practiceId: string;
  userId: string;
  role: string;
  token: string;
  mfaRequired: boolean;
  enrollmentRequired: boolean;
}

const INVALID = () =>
  new AppError('invalid_credentials', {
    status: 401,
    message: 'The email or password is not correct.',
  });

function context(info: RequestInfo, actor: AuditContext['actor']): AuditContext {
  return { actor, ip: info.ip, userAgent: info.userAgent, requestId: info.requestId };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A failed sign-in spends from the account's budget and from the address's (spraying); the
 * answer stays 401 either way. Answers how many failures the account has left (0 when spent).
 */
async function spendFailure(limits: RateLimits, email: string, ip: string): Promise<number> {
  const [remaining] = await Promise.all([
    limits.hit(LIMITS.signInFailuresPerAccount, email).catch(() => 0),
    limits.hit(LIMITS.signInFailuresPerIp, ip).catch(() => 0),
  ]);
  return remaining;
}

export async function signIn(
  db: Database,
  limits: RateLimits,
  input: { email: string; password: string },
  info: RequestInfo,
): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  // An address blocked for spraying is told when its block ends, not the shorter window's.
  await limits.check(LIMITS.signInFailuresPerIp, info.ip);
  // Keyed by the email as typed, known or not: the lockout itself reveals no account.
  await limits.check(LIMITS.signInFailuresPerAccount, email);
  const candidate = await selectLoginCandidate(db, email);
  if (!candidate?.password_hash) {
    // The same scrypt work as for a real account: unknown emails cannot be told apart by time.
    await verifyPassword(input.password, await DUMMY_HASH_PROMISE);
    await spendFailure(limits, email, info.ip);
    throw INVALID();
  }
  const check = await verifyPassword(input.password, candidate.password_hash);
  const newHash = check.needsRehash ? await hashPassword(input.password) : undefined;
  const session = newSessionToken();
  const outcome = await db.withPractice(candidate.practice_id, async (tx) => {
    const state = await selectSignInState(tx, candidate.id, clientAddress(info.ip));
    const actor = {
      type: 'user' as const,
      userId: candidate.id,
      role: state?.role ?? 'unknown',
    };
    const ctx = context(info, actor);
    if (!check.ok || !state) {
      await audit(tx, ctx, {
        action: 'auth.login.failed',
        outcome: 'denied',
        detail: { reason: 'password' },
      });
      return { denied: 'password' as const };
    }
    if (state.userStatus !== 'active' || state.practiceStatus !== 'active') {
      await audit(tx, ctx, {
        action: 'auth.login.failed',
        outcome: 'denied',
        detail: { reason: 'suspended' },
      });
      return { denied: 'suspended' as const };
    }
    if (!state.addressAllowed) {
      await audit(tx, ctx, {
        action: 'auth.login.failed',
        outcome: 'denied',
        detail: { reason: 'ip_allowlist' },
      });
      return { denied: 'address' as const };
    }
    if (newHash) await updatePasswordHash(tx, candidate.id, newHash);
    // A user with an authenticator always uses it. Without one, a practice that requires MFA
    // sends them to enrolment; demo practices skip that (their UI says so).
    const mfaRequired =
      state.totp_enabled_at !== null || state.sms_enabled_at !== null || state.hasPasskey;
    const enrollmentRequired = !mfaRequired && state.mfa_required && !state.is_demo;
    await insertSession(tx, {
      userId: candidate.id,
      tokenHash: session.hash,
      mfaPending: mfaRequired || enrollmentRequired,
      expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000),
      ip: info.ip,
      userAgent: info.userAgent,
      passwordConfirmedAt: 'now',
    });
    await audit(tx, ctx, { action: 'auth.login.succeeded' });
    return { role: state.role, mfaRequired, enrollmentRequired };
  });
  if ('denied' in outcome) {
    const remaining = await spendFailure(limits, email, info.ip);
    if (remaining === 0) {
      // That was the last allowed failure: the account is locked for a while, and it is recorded.
      await db.withPractice(candidate.practice_id, (tx) =>
        audit(tx, context(info, { type: 'user', userId: candidate.id, role: 'unknown' }), {
          action: 'auth.login.locked',
          outcome: 'denied',
          subjectType: 'user',
          subjectId: candidate.id,
        }),
      );
    }
    if (outcome.denied === 'address') {
      throw new AppError('address_not_allowed', {
        status: 403,
        message:
          "Your practice only allows Hearth from its own network addresses, and this isn't one of them.",
      });
    }
    if (outcome.denied === 'suspended') {
      throw new AppError('account_suspended', {
        status: 403,
        message: 'This account is suspended. Ask your practice administrator.',
      });
    }
    throw INVALID();
  }
  await limits.reset(LIMITS.signInFailuresPerAccount, email);
  return {
    practiceId: candidate.practice_id,
    userId: candidate.id,
    role: outcome.role,
    token: session.token,
    mfaRequired: outcome.mfaRequired,
    enrollmentRequired: outcome.enrollmentRequired,
  };
}

export async function signOut(
  db: Database,
  actor: { practiceId: string; userId: string; role: string; sessionId: string },
  info: RequestInfo,
): Promise<void> {
  await db.withPractice(actor.practiceId, async (tx) => {
    await revokeSession(tx, actor.sessionId);
    await audit(tx, context(info, { type: 'user', userId: actor.userId, role: actor.role }), {
      action: 'auth.logout',
      subjectType: 'session',
      subjectId: actor.sessionId,
    });
  });
}
