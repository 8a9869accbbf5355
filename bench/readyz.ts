// Throughput and tail latency of GET /readyz (one database round trip) under steady load.
// autocannon measures latency in whole milliseconds.
import { eachBackend } from './lib/backends.ts';
import { load } from './lib/load.ts';
import { peakRssMb, resetPeakRss } from './lib/rss.ts';
import { startServer } from './lib/server.ts';
import { count } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

const CONNECTIONS = 16;
const WARM_UP_S = 2;
const DURATION_S = 10;
const TITLE = `/readyz load (${CONNECTIONS} conns, ${DURATION_S} s)`;

export const readyz: Benchmark = {
  name: 'readyz',
  run: () =>
    eachBackend(TITLE, async (backend): Promise<Row[]> => {
      const server = await startServer(backend.settings);
      try {
        const url = `${server.origin}/readyz`;
        await load({ url, connections: CONNECTIONS, duration: WARM_UP_S });
        const reset = resetPeakRss(server.pid);
        const result = await load({ url, connections: CONNECTIONS, duration: DURATION_S });
        const peak = peakRssMb(server.pid);
        const figures = [
          `${count(result.requests.average)} req/s`,
          `p50 ${result.latency.p50} ms`,
          `p99 ${result.latency.p99} ms`,
        ];
        if (peak !== undefined) {
          figures.push(`peak RSS ${peak.toFixed(0)} MB${reset ? '' : ' (since start)'}`);
        }
        const failures = result.non2xx + result.errors + result.timeouts;
        if (failures > 0) {
          figures.push(
            `${count(result.non2xx)} non-2xx, ${count(result.errors)} errors, ${count(result.timeouts)} timeouts`,
          );
        }
        const row: Row = { benchmark: TITLE, backend: backend.name, figures: figures.join(', ') };
        return [failures > 0 ? { ...row, failed: true } : row];
      } finally {
        await server.stop();
      }
    }),
};
