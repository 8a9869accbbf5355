import type { Database, Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { countNotesWaiting } from '../../notes/index.ts';
import type { Digest } from './schemas.ts';

/** The practice's reminder settings hold it; no row yet: Hearth's default. */
export const DEFAULT_DIGEST_NOTE_DAYS = 3;

export async function digestNoteDays(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('reminder_settings')
    .select('digest_note_days')
    .executeTakeFirst();
  return row?.digest_note_days ?? DEFAULT_DIGEST_NOTE_DAYS;
}

/** The counts for one staff member, in a transaction already scoped to their practice. */
export async function digestIn(
  tx: Tx,
  who: Pick<Actor, 'userId' | 'role' | 'practiceId'>,
): Promise<Digest> {
  const noteDays = await digestNoteDays(tx);
  return { ...(await countNotesWaiting(tx, who, { noteDays })), noteDays };
}

/** What waits for the signed-in user: counts only (Today's digest line). */
export function readDigest(db: Database, actor: Actor): Promise<Digest> {
  return db.withPractice(actor.practiceId, (tx) => digestIn(tx, actor));
}

/** Whether anything waits at all: no email says "nothing to do". */
export function anythingWaits(d: Digest): boolean {
  return d.notesToCosign + d.sessionsWithoutNote + d.drafts > 0;
}
