import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/logging.ts';
import { enqueueMessage } from '../../platform/notify/outbox.ts';
import { anythingWaits, digestIn } from './counts.ts';
import { digestEmail } from './wording.ts';

export const JOB_STAFF_DIGEST = 'staff-digest';

const UNIQUE_VIOLATION = '23505';

interface Subscriber {
  practice_id: string;
  id: string;
  role: string;
}

/**
 * Emails each active staff member who asked for it (users.digest_email) the counts of what
 * waits for them, when anything does. One email per person per UTC day: the outbox's
 * idempotency key `digest:<user>:<day>` makes a second run (a retry, a second worker, a manual
 * send) add nothing. Answers how many emails were queued by this run.
 */
export async function sendStaffDigests(
  db: Database,
  { publicUrl }: { publicUrl: string },
): Promise<number> {
  // Who asked, across practices: ids and roles only; each person's counts are then read in
  // their own practice's scope, under the same rules as their own requests.
  const subscribers = await db.unscopedAcrossPractices(
    { job: JOB_STAFF_DIGEST, reason: 'find the staff who asked for a daily digest email' },
    (tx) =>
      tx
        .selectFrom('users')
        .select(['practice_id', 'id', 'role'])
        .where('digest_email', '=', true)
        .where('status', '=', 'active')
        .orderBy('practice_id')
        .execute() as Promise<Subscriber[]>,
  );
  let queued = 0;
  for (const s of subscribers) {
    try {
      if (await sendOne(db, s, publicUrl)) queued += 1;
    } catch (err) {
      // Another run queued it between our check and our insert: already done.
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    }
  }
  return queued;
}

/** One person's digest, in a transaction of its own so that one failure spoils no other. */
function sendOne(db: Database, s: Subscriber, publicUrl: string): Promise<boolean> {
  return db.withPractice(s.practice_id, async (tx) => {
    const { day } = await sql<{
      day: string;
    }>`select to_char(now() at time zone 'UTC', 'YYYY-MM-DD') as day`
      .execute(tx)
      .then((r) => r.rows[0]!);
    const key = `digest:${s.id}:${day}`;
    const sent = await tx
      .selectFrom('notification_outbox')
      .select('id')
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (sent) return false;
    const user = await tx
      .selectFrom('users')
      .select(['email', 'role', 'digest_email', 'status'])
      .where('id', '=', s.id)
      .executeTakeFirst();
    // Changed their mind, or left, since the list was read.
    if (!user || !user.digest_email || user.status !== 'active') return false;
    const digest = await digestIn(tx, {
      userId: s.id,
      role: user.role,
      practiceId: s.practice_id,
    });
    if (!anythingWaits(digest)) return false;
    const email = digestEmail(digest, publicUrl);
    if (!email) return false;
    await enqueueMessage(tx, {
      channel: 'email',
      to: user.email,
      ...email,
      kind: 'digest',
      idempotencyKey: key,
    });
    return true;
  });
}

/** Every morning at 07:00 UTC, on the job queue: one run at a time whichever processes are up. */
export function staffDigestJob(
  db: Database,
  options: { publicUrl: string },
  logger: Logger,
): JobDefinition {
  return {
    name: JOB_STAFF_DIGEST,
    schedule: '0 7 * * *',
    expireInSeconds: 30 * 60,
    run: async () => {
      const queued = await sendStaffDigests(db, options);
      logger.info({ job: JOB_STAFF_DIGEST, queued }, 'staff digests queued');
    },
  };
}
