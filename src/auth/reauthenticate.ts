import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import type { RateLimits } from '../platform/limits/rate-limits.ts';
import { confirmPassword } from './confirm-password.ts';

/**
 * The password typed again into a full session (POST /session/reauthenticate): the session is
 * stamped, and for five minutes it may add or replace second factors (mfa/enrolment-rule.ts).
 * A wrong password is audited and spends the account's sign-in failure budget
 * (confirm-password.ts).
 */
export async function reauthenticate(
  db: Database,
  limits: RateLimits,
  actor: Actor,
  password: string,
  context: AuditContext,
): Promise<void> {
  await confirmPassword(db, limits, actor, password, {
    context,
    action: 'auth.reauthenticated',
    reason: 'password',
    message: 'Your password is not correct.',
    subject: { type: 'session', id: actor.sessionId },
  });
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
}
