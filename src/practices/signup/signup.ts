import { AppError } from '../../platform/errors.ts';
import { LIMITS, type RateLimits } from '../../platform/limits/rate-limits.ts';
import type { Database } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import {
  hashPassword,
  insertSession,
  insertUser,
  newSessionToken,
  normalizeEmail,
  passwordProblems,
  SESSION_ABSOLUTE_HOURS,
  type RequestInfo,
  type SignedIn,
} from '../../auth/index.ts';
import { createPractice, isTimeZone } from '../service.ts';
import { BAA_SHA256, BAA_VERSION } from '../baa/agreement.ts';
import { insertBaaAcceptance } from '../baa/acceptances.ts';

function context(info: RequestInfo, actor: AuditContext['actor']): AuditContext {
  return { actor, ip: info.ip, userAgent: info.userAgent, requestId: info.requestId };
}

/**
 * A new practice and its first administrator, who accepts the BAA; they leave signed in with
 * a session that must enrol a second factor before anything else.
 */
export async function signUp(
  db: Database,
  limits: RateLimits,
  input: {
    practiceName: string;
    name: string;
    email: string;
    password: string;
    timeZone?: string | undefined;
    signature: string;
  },
  info: RequestInfo,
): Promise<SignedIn> {
  await limits.hit(LIMITS.signupPerIp, info.ip);
  const email = normalizeEmail(input.email);
  const problems = await passwordProblems(input.password, {
    email,
    practiceName: input.practiceName,
    name: input.name,
  });
  if (problems.length > 0) throw AppError.badRequest(problems.join(' '), 'weak_password');
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw AppError.badRequest(
      `"${input.timeZone}" is not a time zone Hearth knows; use a name like America/Chicago.`,
      'invalid_time_zone',
    );
  }
  // Hashing takes a quarter of a second: done before the transaction, not inside it.
  const passwordHash = await hashPassword(input.password);
  const session = newSessionToken();
  try {
    const options = { name: input.practiceName, timeZone: input.timeZone };
    return await createPractice(db, options, async (tx, practice) => {
      const userId = await insertUser(tx, { email, name: input.name, role: 'admin', passwordHash });
      await insertBaaAcceptance(tx, {
        version: BAA_VERSION,
        textSha256: BAA_SHA256,
        signerName: input.signature,
        signerUserId: userId,
        ip: info.ip,
      });
      const actor = { type: 'user' as const, userId, role: 'admin' };
      await insertSession(tx, {
        userId,
        tokenHash: session.hash,
        mfaPending: true,
        expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000),
        ip: info.ip,
        userAgent: info.userAgent,
        passwordConfirmedAt: 'now',
      });
      await audit(tx, context(info, actor), {
        action: 'auth.signup',
        subjectType: 'practice',
        subjectId: practice.id,
        detail: { baaVersion: BAA_VERSION },
      });
      return {
        practiceId: practice.id,
        userId,
        role: 'admin',
        token: session.token,
        mfaRequired: false,
        enrollmentRequired: true,
      };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw AppError.conflict(
        'An account with this email already exists. Sign in instead, or use another email.',
        'email_taken',
      );
    }
    throw err;
  }
}
