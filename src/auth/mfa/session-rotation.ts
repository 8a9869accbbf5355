import type { Tx } from '../../platform/db/database.ts';
import type { AuditContext } from '../../platform/audit/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { insertSession, revokeSession } from '../queries.ts';
import { newSessionToken, SESSION_ABSOLUTE_HOURS } from '../session-token.ts';

/**
 * Ends the current session and opens a full one (a new token at MFA completion), so a token
 * seen before the second factor is worth nothing after it.
 */
export async function rotateSession(tx: Tx, actor: Actor, context: AuditContext): Promise<string> {
  await revokeSession(tx, actor.sessionId);
  const session = newSessionToken();
  await insertSession(tx, {
    userId: actor.userId,
    tokenHash: session.hash,
    mfaPending: false,
    expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000),
    ip: context.ip ?? '',
    userAgent: context.userAgent,
  });
  return session.token;
}
