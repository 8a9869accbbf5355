import type { Db as IDatabase } from 'pg-boss';
import type { PglitePool } from '../db/pglite-pool.ts';

/**
 * pg-boss's view of the embedded database. Every statement goes through the pool's lock, so the
 * queue's polling never lands inside a request's open transaction on PGlite's single session.
 * Parameterless SQL may hold several statements (pg-boss's locked blocks and its schema
 * migrations): those run through `exec`, and the rows of every statement are returned, as
 * pg-boss requires of a custom database. A failure inside such a block leaves the session in an
 * aborted transaction, which is rolled back before the error is rethrown, as a pool would by
 * discarding the connection.
 */
export function embeddedQueueDatabase(pool: PglitePool): IDatabase {
  return {
    executeSql: (text, values) =>
      pool.exclusive(async (pg) => {
        try {
          if (values && values.length > 0) {
            const result = await pg.query(text, values);
            return { rows: result.rows };
          }
          const results = await pg.exec(text);
          return { rows: results.flatMap((r) => r.rows ?? []) };
        } catch (err) {
          await pg.exec('rollback').catch(() => {});
          throw err;
        }
      }),
  };
}
