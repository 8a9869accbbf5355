// Cold start: spawn `serve` on an existing data directory until /readyz first answers 200.
import { eachBackend } from './lib/backends.ts';
import { startServer } from './lib/server.ts';
import { max, median, ms } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

const RUNS = 5;
const TITLE = 'cold start → /readyz 200';

export const coldStart: Benchmark = {
  name: 'cold-start',
  run: () =>
    eachBackend(TITLE, async (backend): Promise<Row[]> => {
      // The first run creates the data directory: migrations, self-signed certificate.
      const first = await startServer(backend.settings);
      await first.stop();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const server = await startServer(backend.settings);
        times.push(server.coldStartMs);
        await server.stop();
      }
      const figures =
        `median ${ms(median(times))}, max ${ms(max(times))} (n=${RUNS}); ` +
        `first run, with migrations: ${ms(first.coldStartMs)}`;
      return [{ benchmark: TITLE, backend: backend.name, figures }];
    }),
};
