import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import { enqueueMessage } from '../platform/notify/outbox.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { LIMITS, type RateLimits } from '../platform/limits/rate-limits.ts';
import { confirmPassword } from './confirm-password.ts';
import {
  issueAccountToken,
  parseAccountToken,
  redeemAccountToken,
  TOKEN_LIFETIME_MINUTES,
} from './account-tokens.ts';
import { passwordProblems } from './password-check.ts';
import { hashPassword } from './passwords.ts';
import { selectResetCandidate } from './queries.ts';
import { normalizeEmail } from './service.ts';
import { revokeUserSessions, selectUserForPolicy } from './queries.ts';

type Tx = Parameters<Parameters<Database['withPractice']>[1]>[0];

/**
 * Hashes first (outside the transaction), then in one transaction: `decide` names the user (or
 * refuses), the policy is checked against that user, and the hash is stored.
 */
async function setPassword(
  db: Database,
  practiceId: string,
  password: string,
  decide: (tx: Tx) => Promise<string | null>,
): Promise<boolean> {
  const hash = await hashPassword(password);
  return db.withPractice(practiceId, async (tx) => {
    const userId = await decide(tx);
    if (!userId) return false;
    const user = await selectUserForPolicy(tx, userId);
    if (!user || user.status !== 'active') return false;
    const problems = await passwordProblems(password, {
      email: user.email,
      name: user.name,
      practiceName: user.practiceName,
    });
    if (problems.length > 0) throw AppError.badRequest(problems.join(' '), 'weak_password');
    await tx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: new Date() })
      .where('id', '=', userId)
      .execute();
    return true;
  });
}

/**
 * Emails a 30-minute single-use reset link when the email belongs to an active account. The
 * answer is the same either way (no account enumeration); only the outbox knows.
 */
export async function requestPasswordReset(
  db: Database,
  limits: RateLimits,
  email: string,
  baseUrl: string,
  context: AuditContext,
): Promise<void> {
  const normalized = normalizeEmail(email);
  await limits.hit(LIMITS.passwordResetPerIp, context.ip ?? '');
  const remaining = await limits.hit(LIMITS.passwordResetPerAccount, normalized).catch(() => -1);
  const candidate = await selectResetCandidate(db, normalized);
  if (!candidate || remaining < 0) return;
  await db.withPractice(candidate.practice_id, async (tx) => {
    const user = await selectUserForPolicy(tx, candidate.id);
    if (user?.status !== 'active') return;
    const token = await issueAccountToken(
      tx,
      candidate.id,
      'password_reset',
      candidate.practice_id,
    );
    await enqueueMessage(tx, {
      channel: 'email',
      to: normalized,
      subject: 'Reset your Hearth password',
      expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MINUTES.password_reset * 60_000),
      body: `Someone asked to reset the password of your Hearth account. If it was you, choose a new password within 30 minutes:\n\n${baseUrl}/reset-password#${encodeURIComponent(token)}\n\nIf it was not you, ignore this message; your password is unchanged.`,
    });
    await audit(
      tx,
      { ...context, actor: { type: 'user', userId: candidate.id, role: user.role } },
      {
        action: 'auth.password.reset_requested',
        subjectType: 'user',
        subjectId: candidate.id,
      },
    );
  });
}

/**
 * Sets the new password from a reset link and ends every session of the account — all in one
 * transaction, so a refused password leaves the link usable.
 */
export async function completePasswordReset(
  db: Database,
  input: { token: string; password: string },
  context: AuditContext,
): Promise<void> {
  const invalid = () =>
    new AppError('invalid_reset_link', {
      status: 400,
      message: 'This reset link is not valid any more. Ask for a new one.',
    });
  const parsed = parseAccountToken(input.token);
  if (!parsed) throw invalid();
  const done = await setPassword(db, parsed.practiceId, input.password, async (tx) => {
    const userId = await redeemAccountToken(tx, parsed.hash, 'password_reset');
    if (!userId) return null;
    const ended = await revokeUserSessions(tx, userId);
    await audit(
      tx,
      { ...context, actor: { type: 'user', userId, role: 'unknown' } },
      {
        action: 'auth.password.reset',
        subjectType: 'user',
        subjectId: userId,
        detail: { sessionsEnded: ended },
      },
    );
    return userId;
  });
  if (!done) throw invalid();
}

/**
 * A signed-in user changes their password; their other sessions end. A wrong current password
 * spends the account's sign-in failure budget (confirm-password.ts).
 */
export async function changePassword(
  db: Database,
  limits: RateLimits,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  context: AuditContext,
): Promise<void> {
  await confirmPassword(db, limits, actor, input.currentPassword, {
    context,
    action: 'auth.password.changed',
    reason: 'current_password',
    message: 'Your current password is not correct.',
  });
  await setPassword(db, actor.practiceId, input.newPassword, async (tx) => {
    const ended = await revokeUserSessions(tx, actor.userId, actor.sessionId);
    await audit(tx, context, {
      action: 'auth.password.changed',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { sessionsEnded: ended },
    });
    return actor.userId;
  });
}
