import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { Database } from './database.ts';
import { pipelinedBegin } from './pipelined-begin.ts';

/** A pool whose one client records what reaches the wire and answers like node-postgres. */
function recordingPool(sent: string[]): PostgresPool {
  const client = {
    async query(text: string, parameters: unknown[]) {
      sent.push(parameters.length > 0 ? `${text} [${parameters.length}]` : text);
      const statements = text.split(';').filter((s) => s.trim());
      const one = { command: 'SELECT', rowCount: 1, rows: [{ n: statements.length }] };
      return statements.length > 1 ? statements.map(() => one) : one;
    },
    release() {},
  } as unknown as PostgresPoolClient;
  return { connect: async () => client, end: async () => {}, options: {} } as PostgresPool;
}

describe('begin travels with the transaction scope (one round trip saved)', () => {
  test('begin + parameterless scope become one query; the rest pass through unchanged', async () => {
    const sent: string[] = [];
    const client = await pipelinedBegin(recordingPool(sent)).connect();
    const begin = await client.query('begin', []);
    assert.equal(sent.length, 0, 'nothing is sent for begin alone');
    assert.equal(begin.rows.length, 0);
    const scope = await client.query("select set_config('role', 'x', true)", []);
    assert.deepEqual(scope.rows, [{ n: 2 }], 'the scope statement answers with its own rows');
    await client.query('select $1', [1]);
    await client.query('commit', []);
    assert.deepEqual(sent, [
      "begin; select set_config('role', 'x', true)",
      'select $1 [1]',
      'commit',
    ]);
  });

  test('a parameterised first statement gets its begin sent first; an empty transaction sends nothing', async () => {
    const sent: string[] = [];
    const client = await pipelinedBegin(recordingPool(sent)).connect();
    await client.query('begin', []);
    await client.query('select $1', [1]);
    await client.query('commit', []);
    await client.query('begin', []);
    await client.query('rollback', []);
    assert.deepEqual(sent, ['begin', 'select $1 [1]', 'commit']);
  });

  test('on PostgreSQL a scoped transaction is three round trips and the scope holds', async (t) => {
    if (!process.env.DATABASE_URL) {
      // The embedded database has no network and runs without the wrapper: this case is the
      // PostgreSQL run's (npm test with DATABASE_URL, as CI does).
      t.diagnostic('PGlite run: covered by the PostgreSQL run');
      return;
    }
    const real = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    let queries = 0;
    const counting: PostgresPool = {
      options: {},
      end: () => real.end(),
      async connect() {
        const c = await real.connect();
        const query = c.query.bind(c);
        (c as unknown as { query: unknown }).query = (...args: Parameters<typeof query>) => {
          queries += 1;
          return query(...args);
        };
        return c as unknown as PostgresPoolClient;
      },
    };
    const db = new Database('postgres', counting);
    const practiceId = crypto.randomUUID();
    const seen = await db.withPractice(practiceId, async (tx) => {
      const { rows } = await (
        await import('kysely')
      ).sql<{
        p: string;
        r: string;
      }>`select current_setting('app.practice_id') as p, current_user as r`.execute(tx);
      return rows[0];
    });
    await db.close();
    assert.deepEqual(seen, { p: practiceId, r: 'hearth_app' });
    assert.equal(queries, 3);
  });
});
