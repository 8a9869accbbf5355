import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * Presents one embedded PGlite instance as a node-postgres-shaped pool of size one, so that both
 * backends run through Kysely's own PostgresDialect and share every line of driver code.
 * PGlite has a single session: a client is held exclusively from connect() to release(),
 * which keeps one request's transaction from interleaving with another's statements.
 */
export class PglitePool implements PostgresPool {
  readonly options = {};
  #pg: PGlite;
  #tail: Promise<void> = Promise.resolve();

  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const pg = this.#pg;
    let released = false;
    return {
      async query(sqlText: string, parameters: ReadonlyArray<unknown>) {
        const result = await pg.query(sqlText, parameters as unknown[]);
        return {
          command: result.command?.toUpperCase() as 'SELECT',
          rowCount: result.rowCount ?? result.affectedRows ?? 0,
          rows: result.rows,
        };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    } as PostgresPoolClient;
  }

  /**
   * Runs `fn` with the instance to itself, between other clients' transactions: for the job
   * queue, whose multi-statement SQL needs PGlite's `exec`, which the client above does not offer.
   */
  async exclusive<T>(fn: (pg: PGlite) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await fn(this.#pg);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    await this.#tail;
    await this.#pg.close();
  }
}
