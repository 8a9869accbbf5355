import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission } from '../auth/index.ts';
import { isPracticeAdmin, notesInReach } from './author-notes.ts';
import { countCosignQueue } from './queries.ts';

/**
 * How far back the digest looks for sessions without a note. Older sessions (a practice's
 * imported history, say) would otherwise be counted every morning forever.
 */
export const WAITING_LOOKBACK_DAYS = 90;

export interface NotesWaiting {
  /** Notes in the person's co-sign queue (0 for those who do not co-sign). */
  notesToCosign: number;
  /** Their arrived or completed sessions older than `noteDays` days with no note. */
  sessionsWithoutNote: number;
  /** Their own drafts, of clients still in reach. */
  drafts: number;
}

/**
 * What waits for one staff member, as counts only (the staff digest, in the app and by email):
 * the same lists as Today's "Notes waiting", counted. Counts name no client, so reading them
 * is not an access to anyone's record and is not audited.
 */
export async function countNotesWaiting(
  tx: Tx,
  actor: Pick<Actor, 'userId' | 'role' | 'practiceId'>,
  options: { noteDays: number },
): Promise<NotesWaiting> {
  const who = { ...actor, sessionId: '', mfaPending: false };
  const reach = notesInReach(who);
  const notesToCosign = hasPermission(actor.role, 'cosign:note:supervisee')
    ? await countCosignQueue(tx, {
        userId: actor.userId,
        orphansToo: isPracticeAdmin(actor.role),
        inReach: reach,
      })
    : 0;
  const drafts = hasPermission(actor.role, 'read:note:own')
    ? await tx
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('notes.author_id', '=', actor.userId)
        .where('notes.status', '=', 'draft')
        .where(reach)
        .executeTakeFirstOrThrow()
    : { n: '0' };
  const sessions = hasPermission(actor.role, 'write:note:own')
    ? await tx
        .selectFrom('appointments as a')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('a.clinician_id', '=', actor.userId)
        .where('a.status', 'in', ['arrived', 'completed'])
        .where('a.start_at', '<', sql<Date>`now() - make_interval(days => ${options.noteDays})`)
        .where(
          'a.start_at',
          '>',
          sql<Date>`now() - make_interval(days => ${WAITING_LOOKBACK_DAYS})`,
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('notes as n').select('n.id').whereRef('n.appointment_id', '=', 'a.id'),
            ),
          ),
        )
        .executeTakeFirstOrThrow()
    : { n: '0' };
  return { notesToCosign, sessionsWithoutNote: Number(sessions.n), drafts: Number(drafts.n) };
}
