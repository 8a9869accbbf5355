// The machine's own limit, measured in the same run as the workloads so that a slow day shows
// as such: bare `select 1` round trips over a pool (no TLS, no HTTP, no Hearth), and GET
// /healthz on the running server (TLS and HTTP, no database).
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Round trips per second of `select 1`, `connections` loops at once for `seconds`. */
export async function selectOneRate(
  databaseUrl: string | undefined,
  connections: number,
  seconds: number,
): Promise<number> {
  let done = 0;
  if (databaseUrl === undefined) {
    // PGlite has one session: one loop, in this process, as the server's database is in its.
    const lite = await PGlite.create();
    try {
      const started = performance.now();
      const until = started + seconds * 1000;
      while (performance.now() < until) {
        await lite.query('select 1');
        done++;
      }
      return done / ((performance.now() - started) / 1000);
    } finally {
      await lite.close();
    }
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  try {
    // Connections opened first: the rate is of round trips, not of connecting.
    const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
    for (const c of clients) c.release();
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          await pool.query('select 1');
          done++;
        }
      }),
    );
    return done / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}
