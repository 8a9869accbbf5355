import type { Tx } from '../../platform/db/database.ts';
import type { AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { insertSession, revokeSession } from '../queries.ts';
import { newSessionToken, SESSION_ABSOLUTE_HOURS } from '../session-token.ts';

/**
 * Ends the current session and opens a full one (a new token at MFA completion), so a token
 * seen before the second factor is worth nothing after it.
 */
export async function rotateSession(tx: Tx, actor: Actor, context: AuditContext): Promise<string> {
  // A full session changing its token (it added a factor) keeps its password confirmation. The
  // full session a second factor opens starts without one: the password was typed to the
  // half-session, and adding a factor from the full one asks for it again (enrolment-rule.ts).
  const confirmed = actor.mfaPending
    ? null
    : ((
        await tx
          .selectFrom('sessions')
          .select('password_confirmed_at')
          .where('id', '=', actor.sessionId)
          .executeTakeFirst()
      )?.password_confirmed_at ?? null);
  await revokeSession(tx, actor.sessionId);
  const session = newSessionToken();
  await insertSession(tx, {
    userId: actor.userId,
    tokenHash: session.hash,
    mfaPending: false,
    expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000),
    ip: context.ip ?? '',
    userAgent: context.userAgent,
    passwordConfirmedAt: confirmed,
  });
  return session.token;
}
