import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testDatabase, type TestDatabase } from '../../testing/database.ts';
import { captureLogs } from '../../testing/logs.ts';
import { Jobs } from './jobs.ts';

let database: TestDatabase;

before(async () => {
  database = await testDatabase();
});
after(() => database.close());

const open = (logs = captureLogs()) =>
  new Jobs(database.db, {
    databaseUrl: database.url,
    databaseCaFile: undefined,
    logger: logs.logger,
    pollingIntervalSeconds: 0.5,
  });

/** Resolves once `check` holds, polling; fails after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('background jobs (pg-boss on the same database)', () => {
  test('a job sent is run once by a worker, with its data; its run is logged without the data', async () => {
    const logs = captureLogs();
    const jobs = open(logs);
    const seen: unknown[] = [];
    jobs.define({ name: 'test-echo', run: async (data) => void seen.push(data) });
    await jobs.start({ work: true });
    try {
      assert.ok(await jobs.send('test-echo', { documentId: 'doc-canary-one', count: 3 }));
      await eventually(() => seen.length > 0);
      assert.deepEqual(seen, [{ documentId: 'doc-canary-one', count: 3 }]);
      await eventually(() => logs.lines().some((l) => l.msg === 'job finished'));
      assert.ok(!logs.text().includes('doc-canary-one'), 'job data is not logged');
    } finally {
      await jobs.stop();
    }
  });

  test('a job that throws is retried, and the failure is logged without its message', async () => {
    const logs = captureLogs();
    const jobs = open(logs);
    let attempts = 0;
    jobs.define({
      name: 'test-flaky',
      retryLimit: 2,
      run: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('secret detail of the first attempt');
      },
    });
    await jobs.start({ work: true });
    try {
      await jobs.send('test-flaky');
      await eventually(() => attempts >= 2, 30_000);
      assert.ok(logs.lines().some((l) => l.msg === 'job failed'));
      assert.ok(!logs.text().includes('secret detail'));
    } finally {
      await jobs.stop();
    }
  });

  test('schedules are registered in UTC and a job without one is unscheduled', async () => {
    const jobs = open();
    jobs.define({ name: 'test-nightly', schedule: '30 2 * * *', run: async () => {} });
    jobs.define({ name: 'test-manual', run: async () => {} });
    await jobs.start({ work: false });
    try {
      const schedules = await jobs.schedules();
      assert.deepEqual(
        schedules.filter((s) => s.name.startsWith('test-')),
        [{ name: 'test-nightly', cron: '30 2 * * *' }],
      );
    } finally {
      await jobs.stop();
    }
  });

  test('the queue lives in its own schema, outside the tenant tables, and requests keep working beside it', async () => {
    const jobs = open();
    jobs.define({ name: 'test-side', run: async () => {} });
    await jobs.start({ work: true });
    try {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from information_schema.tables
         where table_schema = 'hearth_jobs_queue'`.execute(database.db.unsafeOwnerConnection());
      assert.ok(Number(rows[0]?.n) > 0);
      // A practice-scoped transaction still runs while workers poll (PGlite: one session).
      for (let i = 0; i < 20; i++) {
        await database.db.withPractice(crypto.randomUUID(), (tx) =>
          tx.selectFrom('practices').select('id').execute(),
        );
      }
    } finally {
      await jobs.stop();
    }
  });
});
