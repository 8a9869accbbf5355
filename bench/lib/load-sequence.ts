// autocannon where each connection repeats a short sequence of requests, a later one using what
// an earlier answered (create a client, then read it, then search its family name). Each step
// reads and writes the connection's own context; a step that returns undefined (its
// predecessor failed) starts the sequence again.
import { createRequire } from 'node:module';
import type { WalkRequest } from './load-walk.ts';
import type { LoadResult } from './load.ts';

export type Context = Record<string, unknown>;

export interface Step {
  request: (context: Context) => WalkRequest | undefined;
  onResponse?: (status: number, body: string, context: Context) => void;
}

interface Instance {
  stop(): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (err: Error | null, result: LoadResult & { duration: number }) => void,
) => Instance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/**
 * Runs the steps over `connections` connections for `seconds`; autocannon's result. With
 * `overallRate`, requests are sent at that total rate (spread over the connections) instead of
 * as fast as answered, and latencies are corrected for the requests a slow answer held back.
 */
export function sequence(options: {
  origin: string;
  connections: number;
  seconds: number;
  steps: readonly Step[];
  overallRate?: number;
}): Promise<LoadResult & { duration: number }> {
  const requests = options.steps.map((step) => ({
    setupRequest: (request: Record<string, unknown>, context: Context) => {
      const r = step.request(context);
      if (r === undefined) return undefined;
      return {
        ...request,
        method: r.method,
        path: r.path,
        headers: { ...(request.headers as Record<string, string>), ...r.headers },
        body: r.body,
      };
    },
    ...(step.onResponse ? { onResponse: step.onResponse } : {}),
  }));
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => instance.stop(), (options.seconds + 15) * 1_000);
    // The server's certificate is self-signed; the origin is always a loopback address.
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        duration: options.seconds,
        requests,
        ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
        tlsOptions: { rejectUnauthorized: false },
      },
      (err, result) => {
        clearTimeout(guard);
        if (err) reject(err);
        else resolve(result);
      },
    );
  });
}
