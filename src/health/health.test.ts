import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { Database } from '../platform/db/database.ts';
import { testDatabase } from '../testing/database.ts';
import { captureLogs } from '../testing/logs.ts';
import { TEST_CONFIG, TEST_SESSION_SECRET } from '../testing/app.ts';
import { testServices } from '../testing/services.ts';

async function appOn(migrated: boolean) {
  const t = await testDatabase({ migrated });
  const app = await buildApp({
    config: TEST_CONFIG,
    db: t.db,
    logger: captureLogs().logger,
    sessionSecret: TEST_SESSION_SECRET,
    ...testServices(),
  });
  return { app, t };
}

describe('health', () => {
  test('/healthz and /readyz answer 200 on a migrated database', async () => {
    const { app, t } = await appOn(true);
    try {
      assert.deepEqual((await app.inject('/healthz')).json(), { status: 'ok' });
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready', database: 'ok', schema: 'current' });
    } finally {
      await app.close();
      await t.close();
    }
  });

  test('/readyz is 503 while migrations are pending', async () => {
    const { app, t } = await appOn(false);
    try {
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'not_ready', database: 'ok', schema: 'behind' });
      assert.equal((await app.inject('/healthz')).statusCode, 200);
    } finally {
      await app.close();
      await t.close();
    }
  });

  test('/readyz is 503 when the database cannot be reached', async () => {
    // A real node-postgres pool aimed at a port where nothing listens.
    const pool = new pg.Pool({ connectionString: 'postgres://hearth@127.0.0.1:1/none', max: 1 });
    const db = new Database('postgres', pool);
    const app = await buildApp({
      config: TEST_CONFIG,
      db,
      logger: captureLogs().logger,
      sessionSecret: TEST_SESSION_SECRET,
      ...testServices(),
    });
    try {
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), {
        status: 'not_ready',
        database: 'unreachable',
        schema: 'behind',
      });
    } finally {
      await app.close();
      await db.close();
    }
  });
});
