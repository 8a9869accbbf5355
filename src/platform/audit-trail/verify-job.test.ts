import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../server/config/load.ts';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { captureLogs } from '../../testing/logs.ts';
import { asSuperuser } from '../../testing/superuser.ts';
import { Jobs } from '../jobs/jobs.ts';
import { audit } from './record.ts';
import { defineAuditJobs, JOB_AUDIT_VERIFY } from './verify-job.ts';

let t: TestDatabase;
const practice = randomUUID();

before(async () => {
  t = await testDatabase();
  await t.db.withPractice(practice, (tx) =>
    tx.insertInto('practices').values({ id: practice, name: 'Verified nightly' }).execute(),
  );
  for (let i = 0; i < 3; i++) {
    await t.db.withPractice(practice, (tx) =>
      audit(tx, { actor: { type: 'system', job: 'test' } }, { action: 'audit.verified' }),
    );
  }
});
after(() => t.close());

async function eventually(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const nightlyRuns = () =>
  t.db.withPractice(practice, async (tx) => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events
      where action = 'audit.verified' and actor_label = 'audit-verify-nightly'`.execute(tx);
    return rows[0]!.n;
  });
const brokenChainAlerts = () =>
  t.db.withPractice(practice, async (tx) => {
    const { rows } = await sql<{ n: number; mail: number }>`
      select (select count(*)::int from alerts where kind = 'audit_chain_broken') as n,
             (select count(*)::int from notification_outbox
               where subject = 'Hearth security alert: audit chain broken') as mail`.execute(tx);
    return rows[0]!;
  });

describe('the nightly audit verification', () => {
  test('is scheduled by default at 03:00 UTC, and off when HEARTH_AUDIT_VERIFY_SCHEDULE=off', async () => {
    assert.equal(loadConfig({}).auditVerifySchedule, '0 3 * * *');
    const jobs = new Jobs(t.db, {
      databaseUrl: t.url,
      databaseCaFile: undefined,
      logger: captureLogs().logger,
    });
    defineAuditJobs(jobs, t.db, loadConfig({}).auditVerifySchedule, captureLogs().logger);
    await jobs.start({ work: false });
    try {
      const schedules = await jobs.schedules();
      assert.deepEqual(
        schedules.filter((s) => s.name === JOB_AUDIT_VERIFY),
        [{ name: JOB_AUDIT_VERIFY, cron: '0 3 * * *' }],
      );
    } finally {
      await jobs.stop();
    }
    assert.equal(loadConfig({ HEARTH_AUDIT_VERIFY_SCHEDULE: 'off' }).auditVerifySchedule, 'off');
    assert.throws(
      () => loadConfig({ HEARTH_AUDIT_VERIFY_SCHEDULE: 'nightly' }),
      /HEARTH_AUDIT_VERIFY_SCHEDULE must be a five-field cron expression, or `off`/,
    );
  });

  test('records an intact walk in the trail; after an edit made around every guard, raises a critical alert', async () => {
    const logs = captureLogs();
    const jobs = new Jobs(t.db, {
      databaseUrl: t.url,
      databaseCaFile: undefined,
      logger: logs.logger,
      pollingIntervalSeconds: 0.5,
    });
    defineAuditJobs(jobs, t.db, 'off', logs.logger);
    await jobs.start({ work: true });
    try {
      await jobs.send(JOB_AUDIT_VERIFY);
      await eventually(async () => (await nightlyRuns()) === 1);
      assert.deepEqual(await brokenChainAlerts(), { n: 0, mail: 0 });

      const victim = await t.db.withPractice(practice, (tx) =>
        tx.selectFrom('audit_events').select('id').orderBy('id').executeTakeFirstOrThrow(),
      );
      await asSuperuser(t, (su) =>
        su.connection().execute(async (conn) => {
          await sql`set session_replication_role = replica`.execute(conn);
          await sql`update audit_events set detail = '{"edited": true}'::jsonb where id = ${victim.id}`.execute(
            conn,
          );
          await sql`set session_replication_role = origin`.execute(conn);
        }),
      );
      await jobs.send(JOB_AUDIT_VERIFY);
      await eventually(async () => (await brokenChainAlerts()).n === 1);
      assert.deepEqual(await brokenChainAlerts(), { n: 1, mail: 1 });
      assert.equal(await nightlyRuns(), 1, 'a broken trail is not recorded as verified');
      await eventually(async () =>
        logs.lines().some((l) => l.msg === 'audit trail verification found a broken link'),
      );
    } finally {
      await jobs.stop();
    }
  });
});
