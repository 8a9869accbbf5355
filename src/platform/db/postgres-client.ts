import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type QueryResult = PostgresQueryResult<unknown>;
type Send = (
  query: string | { name: string; text: string; values: unknown[] },
  parameters?: ReadonlyArray<unknown>,
) => Promise<QueryResult | QueryResult[]>;

/** Statements one connection keeps prepared; past this, queries are sent unnamed. */
export const PREPARED_PER_CONNECTION = 500;
const prepared = new WeakMap<object, Set<string>>();

/** A stable name for a statement's text (node-postgres prepares each name once per connection). */
const nameOf = (text: string) =>
  `h${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;

/**
 * How Hearth's queries travel to PostgreSQL, cut to the fewest messages and the least work:
 *
 * - **Prepared statements.** A query with parameters is sent as a named statement, parsed and
 *   planned once per connection and then only bound and executed: planning and parsing were
 *   half of PostgreSQL's time on a chart request (measured, bench/README.md). Plans of
 *   statements under row-level security are re-checked by PostgreSQL when the role changes,
 *   and `current_setting('app.practice_id')` is evaluated at execution, so a cached plan never
 *   carries one practice's scope into another's. Each connection keeps at most
 *   PREPARED_PER_CONNECTION of them (queries with `in (…)` lists of every length would
 *   otherwise grow without bound); the rest go unnamed.
 * - **`begin` travels with the scope.** Kysely opens a transaction with a lone `begin`;
 *   Hearth's next statement is always its scope (`set_config` of role and practice), written
 *   with validated literals (see database.ts) so that the two go as one simple-protocol query,
 *   `begin; <scope>`, saving a round trip per transaction.
 */
export function postgresClients(pool: PostgresPool): PostgresPool {
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let pendingBegin = false;
      const send = client.query.bind(client) as unknown as Send;
      let names = prepared.get(client);
      if (!names) prepared.set(client, (names = new Set()));
      const known = names;
      const query = (text: string, parameters: ReadonlyArray<unknown>) => {
        if (parameters.length === 0) return send(text, parameters);
        const name = nameOf(text);
        if (!known.has(name)) {
          if (known.size >= PREPARED_PER_CONNECTION) return send(text, parameters);
          known.add(name);
        }
        return send({ name, text, values: [...parameters] });
      };
      const wrapped = Object.create(client) as PostgresPoolClient;
      wrapped.query = (async (text: string, parameters: ReadonlyArray<unknown>) => {
        if (text === 'begin' && parameters.length === 0 && !pendingBegin) {
          pendingBegin = true;
          return { command: 'BEGIN', rowCount: 0, rows: [] } as unknown as QueryResult;
        }
        if (!pendingBegin) return query(text, parameters);
        pendingBegin = false;
        // Nothing was sent yet, so there is nothing to end.
        if (text === 'commit' || text === 'rollback') {
          return { command: text.toUpperCase(), rowCount: 0, rows: [] } as unknown as QueryResult;
        }
        if (parameters.length > 0) {
          await query('begin', []);
          return query(text, parameters);
        }
        // Simple protocol: node-postgres answers one result per statement.
        const results = await query(`begin; ${text}`, []);
        return Array.isArray(results) ? results[results.length - 1]! : results;
      }) as unknown as PostgresPoolClient['query'];
      wrapped.release = () => {
        // A connection must never go back to the pool believing a begin is still to be sent.
        pendingBegin = false;
        client.release();
      };
      return wrapped;
    },
  };
}
