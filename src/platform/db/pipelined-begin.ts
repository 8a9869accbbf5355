import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type QueryResult = PostgresQueryResult<unknown>;

/**
 * Saves one network round trip per transaction on PostgreSQL. Kysely opens a transaction with
 * a lone `begin`; Hearth's next statement is always its scope (`set_config` of role and
 * practice). When that statement has no parameters — the scope is written with validated
 * literals for this reason (see database.ts) — the two are sent as one simple-protocol query,
 * `begin; <scope>`, and the scope's result is returned. Anything else is sent as it was.
 */
export function pipelinedBegin(pool: PostgresPool): PostgresPool {
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let pendingBegin = false;
      const query = client.query.bind(client) as unknown as (
        text: string,
        parameters: ReadonlyArray<unknown>,
      ) => Promise<QueryResult | QueryResult[]>;
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
