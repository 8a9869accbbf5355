import type { Database } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import type { DigestEmailChoice } from './schemas.ts';

/** The signed-in user's own choice: their row only, whatever their role. */
export function readDigestEmailChoice(db: Database, actor: Actor): Promise<DigestEmailChoice> {
  return db.withPractice(actor.practiceId, async (tx) => {
    const row = await tx
      .selectFrom('users')
      .select('digest_email')
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    return { enabled: row.digest_email };
  });
}

export function setDigestEmailChoice(
  db: Database,
  { actor, context, enabled }: { actor: Actor; context: AuditContext; enabled: boolean },
): Promise<DigestEmailChoice> {
  return db.withPractice(actor.practiceId, async (tx) => {
    const before = await tx
      .selectFrom('users')
      .select('digest_email')
      .where('id', '=', actor.userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (before.digest_email !== enabled) {
      await tx
        .updateTable('users')
        .set({ digest_email: enabled })
        .where('id', '=', actor.userId)
        .execute();
      // Where a person's email goes is theirs to change; the trail says when they did.
      await audit(tx, context, {
        action: 'user.digest_email.changed',
        subjectType: 'user',
        subjectId: actor.userId,
        detail: { enabled },
      });
    }
    return { enabled };
  });
}
