import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { Database } from './database.ts';
import { testDatabase } from '../../testing/database.ts';
import { postgresClients, PREPARED_PER_CONNECTION } from './postgres-client.ts';

/** A pool whose one client records what reaches the wire and answers like node-postgres. */
function recordingPool(sent: string[]): PostgresPool {
  const client = {
    async query(q: string | { name: string; text: string; values: unknown[] }, params?: unknown[]) {
      const text = typeof q === 'string' ? q : q.text;
      const parameters = typeof q === 'string' ? (params ?? []) : q.values;
      const named = typeof q === 'string' ? '' : ' (prepared)';
      sent.push(parameters.length > 0 ? `${text} [${parameters.length}]${named}` : text);
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
    const client = await postgresClients(recordingPool(sent)).connect();
    const begin = await client.query('begin', []);
    assert.equal(sent.length, 0, 'nothing is sent for begin alone');
    assert.equal(begin.rows.length, 0);
    const scope = await client.query("select set_config('role', 'x', true)", []);
    assert.deepEqual(scope.rows, [{ n: 2 }], 'the scope statement answers with its own rows');
    await client.query('select $1', [1]);
    await client.query('commit', []);
    assert.deepEqual(sent, [
      "begin; select set_config('role', 'x', true)",
      'select $1 [1] (prepared)',
      'commit',
    ]);
  });

  test('a parameterised first statement gets its begin sent first; an empty transaction sends nothing', async () => {
    const sent: string[] = [];
    const client = await postgresClients(recordingPool(sent)).connect();
    await client.query('begin', []);
    await client.query('select $1', [1]);
    await client.query('commit', []);
    await client.query('begin', []);
    await client.query('rollback', []);
    assert.deepEqual(sent, ['begin', 'select $1 [1] (prepared)', 'commit']);
  });

  test('a connection prepares a bounded number of statements; the rest go unnamed', async () => {
    const sent: string[] = [];
    const client = await postgresClients(recordingPool(sent)).connect();
    for (let i = 0; i <= PREPARED_PER_CONNECTION; i++) await client.query(`select $1 + ${i}`, [1]);
    await client.query('select $1 + 0', [1]);
    assert.equal(sent.filter((q) => q.endsWith('(prepared)')).length, PREPARED_PER_CONNECTION + 1);
    assert.equal(
      sent.at(-2),
      `select $1 + ${PREPARED_PER_CONNECTION} [1]`,
      'past the cap: unnamed',
    );
    assert.equal(sent.at(-1), 'select $1 + 0 [1] (prepared)', 'a known one stays prepared');
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

  test('on PostgreSQL a statement prepared in one practice’s scope sees only the next practice’s rows there', async (t) => {
    if (!process.env.DATABASE_URL) {
      t.diagnostic('PGlite run: covered by the PostgreSQL run');
      return;
    }
    const database = await testDatabase();
    // One connection, so the second practice's query reuses the first one's prepared statement.
    const one = new Database('postgres', new pg.Pool({ connectionString: database.url, max: 1 }));
    try {
      const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
      for (const id of [a, b]) {
        await one.withPractice(id, (tx) =>
          tx
            .insertInto('practices')
            .values({ id, name: `P ${id}` })
            .execute(),
        );
      }
      const visible = (id: string) =>
        one.withPractice(id, (tx) =>
          tx.selectFrom('practices').select('id').where('name', 'like', 'P %').execute(),
        );
      assert.deepEqual(await visible(a), [{ id: a }]);
      assert.deepEqual(await visible(b), [{ id: b }]);
      assert.deepEqual(await visible(a), [{ id: a }]);
    } finally {
      await one.close();
      await database.close();
    }
  });
});
