import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../../testing/practice.ts';
import { captureLogs } from '../../testing/logs.ts';
import { Jobs } from '../jobs/jobs.ts';
import {
  JOB_READING_WATCH,
  READING_WATCH,
  readingWatchJob,
  unusualReadersQuery,
  watchUnusualReading,
} from './reading-watch.ts';

// A user reading far more clients' records in an hour than they usually do raises an alert for
// the privacy officer (issue 14, item 6), wherever the reads were recorded from.
let t: TestApp;
let p: StaffedPractice;
let clients: string[] = [];
before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  clients = await t.db.withPractice(p.practiceId, async (tx) => {
    const { rows } = await sql<{ id: string }>`
      insert into clients (first_name, last_name, date_of_birth)
      select 'Reading', 'Watch ' || i, date '1980-01-01' + i from generate_series(1, 80) i
      returning id`.execute(tx);
    return rows.map((r) => r.id);
  });
});
after(() => t.close());

/** Audit rows of `userId` touching `n` different clients, `hoursAgo` hours back (0: now). */
async function reads(
  userId: string,
  n: number,
  options: { hoursAgo?: number; outcome?: 'success' | 'denied' } = {},
) {
  const at = sql`now() - make_interval(hours => ${options.hoursAgo ?? 0})`;
  await t.db.withPractice(p.practiceId, (tx) =>
    sql`insert into audit_events (occurred_at, actor_type, actor_user_id, actor_role, action,
                                  subject_type, subject_id, client_id, outcome)
        select ${at}, 'user', ${userId}, 'test', 'note.read', 'client', c::text, c,
               ${options.outcome ?? 'success'}
          from unnest(${clients.slice(0, n)}::uuid[]) c`.execute(tx),
  );
}

async function alerts() {
  return t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('alerts')
      .select(['kind', 'severity', 'message', 'detail'])
      .where('kind', '=', 'unusual_reading')
      .execute(),
  );
}

describe('the unusual-reading watch', () => {
  test('alerts for a user far above their own usual, chart reads by the database included', async () => {
    // The administrator opens 55 charts: each read recorded by hearth_chart in SQL.
    for (const id of clients.slice(0, 55)) {
      const r = await callAs(t, p.staff.admin, 'GET', `/api/v1/clients/${id}/chart`);
      assert.equal(r.statusCode, 200, r.body);
    }
    // The biller's busiest hour two weeks ago was 20 clients; now 60.
    await reads(p.staff.biller.userId, 20, { hoursAgo: 14 * 24 });
    await reads(p.staff.biller.userId, 60);
    // The supervisor usually reaches 40 an hour: 70 now is not more than twice that.
    await reads(p.staff.supervisor.userId, 40, { hoursAgo: 3 * 24 });
    await reads(p.staff.supervisor.userId, 70);
    // Below the floor, however new: not unusual enough to wake anyone.
    await reads(p.staff.associate.userId, READING_WATCH.floor - 1);
    // Refused reads are not reads.
    await reads(p.staff.front_desk.userId, 70, { outcome: 'denied' });

    const raised = await watchUnusualReading(t.db);
    const byUser = new Map(raised.map((r) => [r.userId, r]));
    assert.deepEqual(
      [...byUser.keys()].sort(),
      [p.staff.admin.userId, p.staff.biller.userId].sort(),
    );
    assert.deepEqual(byUser.get(p.staff.admin.userId), {
      practiceId: p.practiceId,
      userId: p.staff.admin.userId,
      clients: 55,
      usualMax: 0,
    });
    assert.equal(byUser.get(p.staff.biller.userId)?.usualMax, 20);
    const stored = await alerts();
    assert.equal(stored.length, 2);
    for (const a of stored) {
      assert.equal(a.severity, 'warning');
      assert.ok(!/Reading|Watch/.test(a.message), 'no client name in the alert');
    }
    const mailed = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('notification_outbox')
        .select('subject')
        .where('subject', '=', 'Hearth security alert: unusual reading')
        .execute(),
    );
    assert.equal(mailed.length, 2, 'the privacy officer is told');
  });

  test('one alert per user per hour, however often the watch runs', async () => {
    await reads(p.staff.admin.userId, 80);
    assert.deepEqual(await watchUnusualReading(t.db), []);
    assert.equal((await alerts()).length, 2);
  });
});

describe('on the job queue', () => {
  test('it runs every five minutes, once across processes, and raises what it finds', async () => {
    const logs = captureLogs();
    const jobs = new Jobs(t.db, {
      databaseUrl: t.database.url,
      databaseCaFile: undefined,
      logger: logs.logger,
      pollingIntervalSeconds: 0.5,
    });
    jobs.define(readingWatchJob(t.db, logs.logger));
    await jobs.start({ work: true });
    try {
      const schedules = await jobs.schedules();
      assert.deepEqual(
        schedules.filter((s) => s.name === JOB_READING_WATCH),
        [{ name: JOB_READING_WATCH, cron: '*/5 * * * *' }],
      );
      await reads(p.secondAssociate.userId, 60);
      assert.ok(await jobs.send(JOB_READING_WATCH));
      const deadline = Date.now() + 20_000;
      while ((await alerts()).length < 3) {
        if (Date.now() > deadline) throw new Error('the queued run raised no alert');
        await new Promise((r) => setTimeout(r, 100));
      }
      const lines = logs.lines().filter((l) => l.msg === 'unusual reading alerts raised');
      assert.equal(lines.length, 1);
      assert.deepEqual(lines[0]?.practiceIds, [p.practiceId], 'ids only in the log');
    } finally {
      await jobs.stop();
    }
  });
});

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function nodesOf(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(nodesOf)];
}

describe('its query on a busy audit trail', () => {
  test('reads audit_events through its indexes only, at 100,000 rows', async () => {
    const users = Array.from({ length: 20 }, () => randomUUID());
    const someClients = Array.from({ length: 2_000 }, () => randomUUID());
    await t.db.withPractice(p.practiceId, (tx) =>
      sql`insert into audit_events (occurred_at, actor_type, actor_user_id, actor_role, action,
                                    subject_type, subject_id, client_id, outcome)
          select now() - (random() * interval '28 days'), 'user',
                 (${users}::uuid[])[1 + (i % 20)], 'test', 'client.read', 'client', null,
                 (${someClients}::uuid[])[1 + (i * 7919 % 2000)], 'success'
            from generate_series(1, 100000) i`.execute(tx),
    );
    await sql`analyze audit_events`.execute(t.db.unsafeOwnerConnection());
    const [row] = (
      await t.db.unscopedAcrossPractices({ job: 'test', reason: 'explain the watch' }, (tx) =>
        sql<{
          'QUERY PLAN': [{ Plan: Record<string, unknown> }];
        }>`explain (format json) ${unusualReadersQuery()}`.execute(tx),
      )
    ).rows;
    const nodes = nodesOf(row!['QUERY PLAN'][0].Plan);
    const onAudit = nodes.filter((n) => n['Relation Name'] === 'audit_events');
    assert.deepEqual(
      onAudit.filter((n) => n['Node Type'] === 'Seq Scan'),
      [],
      'no sequential scan of audit_events',
    );
    const indexes = new Set(nodes.map((n) => n['Index Name']).filter(Boolean));
    assert.ok(indexes.has('audit_events_by_time'), [...indexes].join(', '));
    assert.ok(indexes.has('audit_events_by_user'), [...indexes].join(', '));
  });
});
