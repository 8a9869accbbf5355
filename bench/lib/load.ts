// autocannon (no type definitions of its own), typed for what the benchmarks use.
import { createRequire } from 'node:module';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
}

/** The parts of autocannon's result the benchmarks report. */
export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

interface Instance {
  stop(): void;
}
type Autocannon = (
  options: LoadOptions & { tlsOptions: { rejectUnauthorized: boolean } },
  done: (err: Error | null, result: LoadResult) => void,
) => Instance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Loads the loopback URL for `duration` seconds; stopped by force if it overruns by 15 s. */
export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => instance.stop(), (options.duration + 15) * 1_000);
    // The server's certificate is self-signed; the URL is always a loopback address.
    const instance = autocannon(
      { ...options, tlsOptions: { rejectUnauthorized: false } },
      (err, result) => {
        clearTimeout(guard);
        if (err) reject(err);
        else resolve(result);
      },
    );
  });
}
