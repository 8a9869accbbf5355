import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import type { JobDefinition } from '../jobs/jobs.ts';
import { insertAlert } from '../alerting/alerts.ts';

/**
 * When to call a user's reading unusual: at least `floor` different clients' records in the
 * last hour, and more than `factor` times their own busiest hour of the past `baselineDays`.
 * A clinician opens a handful of charts an hour; a biller or an administrator working through
 * a list may open dozens — and their own history says so.
 */
export const READING_WATCH = { floor: 50, factor: 2, baselineDays: 28 } as const;

export const JOB_READING_WATCH = 'audit-reading-watch';

export interface UnusualReader {
  practiceId: string;
  userId: string;
  /** Different clients whose records they touched in the last hour. */
  clients: number;
  /** Their most in any one clock hour of the past four weeks, the last hour excepted. */
  usualMax: number;
}

/**
 * Users who touched at least `floor` clients' records in the last hour, with their usual
 * hourly maximum. Read from the audit trail, so it covers every process and every read,
 * including those the database's own functions record (the chart, migration 0016). Cheap
 * because the first step reads only the last hour of each practice (audit_events_by_time) and
 * the four-week history is read only for the few users past the floor (audit_events_by_user).
 */
export function unusualReadersQuery(floor: number = READING_WATCH.floor) {
  const days = READING_WATCH.baselineDays;
  return sql<{ practice_id: string; user_id: string; clients: number; usual_max: number }>`
    with recent as (
      select e.practice_id, e.actor_user_id as user_id, count(distinct e.client_id)::int as clients
        from practices p
        -- One index range per practice (audit_events_by_time). OFFSET 0 keeps the planner
        -- from flattening this into a join, which on PostgreSQL 15 (no skip scan) would read
        -- the whole table once it misjudges how many practices there are.
        cross join lateral (
          select a.practice_id, a.actor_user_id, a.client_id
            from audit_events a
           where a.practice_id = p.id
             and a.occurred_at > now() - interval '1 hour'
             and a.client_id is not null
             and a.actor_user_id is not null
             and a.outcome = 'success'
          offset 0) e
       group by e.practice_id, e.actor_user_id
      having count(distinct e.client_id) >= ${floor})
    select r.practice_id, r.user_id, r.clients,
           coalesce((
             select max(h.n) from (
               select count(distinct a.client_id) as n
                 from audit_events a
                where a.practice_id = r.practice_id
                  and a.actor_user_id = r.user_id
                  and a.occurred_at > now() - make_interval(days => ${days})
                  and a.occurred_at <= now() - interval '1 hour'
                  and a.client_id is not null
                  and a.outcome = 'success'
                group by date_trunc('hour', a.occurred_at)) h), 0)::int as usual_max
      from recent r`;
}

/**
 * Raises an `unusual_reading` alert for each user reading far more clients' records than they
 * usually do — at most one per user per hour. Answers the alerts raised.
 */
export async function watchUnusualReading(db: Database): Promise<UnusualReader[]> {
  const { floor, factor } = READING_WATCH;
  const { rows } = await db.unscopedAcrossPractices(
    { job: JOB_READING_WATCH, reason: "compare each user's reading with their own usual" },
    (tx) => unusualReadersQuery(floor).execute(tx),
  );
  const raised: UnusualReader[] = [];
  for (const row of rows) {
    if (row.clients <= factor * row.usual_max) continue;
    const reader = {
      practiceId: row.practice_id,
      userId: row.user_id,
      clients: row.clients,
      usualMax: row.usual_max,
    };
    const done = await db.withPractice(reader.practiceId, async (tx) => {
      const recent = await tx
        .selectFrom('alerts')
        .select('id')
        .where('kind', '=', 'unusual_reading')
        .where('created_at', '>', sql<Date>`now() - interval '1 hour'`)
        .where(sql<boolean>`detail->>'userId' = ${reader.userId}`)
        .executeTakeFirst();
      if (recent) return false;
      await insertAlert(tx, {
        kind: 'unusual_reading',
        severity: 'warning',
        message: `A staff member opened the records of ${reader.clients} different clients in the last hour, more than ${factor} times their busiest hour of the past four weeks (${reader.usualMax}). If this was not expected, review the audit log for this user and end their sessions if their account may be in someone else's hands.`,
        detail: { userId: reader.userId, clients: reader.clients, usualMax: reader.usualMax },
      });
      return true;
    });
    if (done) raised.push(reader);
  }
  return raised;
}

/** Every five minutes, on the job queue: one run at a time whichever processes are up. */
export function readingWatchJob(db: Database, logger: Logger): JobDefinition {
  return {
    name: JOB_READING_WATCH,
    schedule: '*/5 * * * *',
    expireInSeconds: 10 * 60,
    run: async () => {
      const raised = await watchUnusualReading(db);
      if (raised.length > 0) {
        logger.warn(
          { alerts: raised.length, practiceIds: raised.map((r) => r.practiceId) },
          'unusual reading alerts raised',
        );
      }
    },
  };
}
