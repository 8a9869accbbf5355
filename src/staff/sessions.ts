import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { selectStaffMember } from './queries.ts';
import { revokeUserSessions } from '../auth/index.ts';

/**
 * An admin ends every session of a colleague. Someone not on the staff — an unknown id, a
 * removed account, another practice's user (not visible in this practice's scope) — is 404,
 * so that the answer tells an outsider nothing, and nothing is recorded as ended.
 */
export async function endStaffSessions(
  db: Database,
  actor: Actor,
  userId: string,
  context: AuditContext,
): Promise<{ ended: number }> {
  return db.withPractice(actor.practiceId, async (tx) => {
    if (!(await selectStaffMember(tx, userId)))
      throw AppError.notFound('There is no such staff member.');
    const ended = await revokeUserSessions(tx, userId);
    await audit(tx, context, {
      action: 'auth.session.revoked',
      subjectType: 'user',
      subjectId: userId,
      detail: { ended },
    });
    return { ended };
  });
}
