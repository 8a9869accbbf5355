// autocannon where every request is a different one: `next()` gives each request's method,
// path, headers and body (a random client's chart, the next draft to sign with its author's
// cookie…). Stops after `seconds`, or after `amount` requests when a list must not wrap.
import { createRequire } from 'node:module';
import type { LoadResult } from './load.ts';

export interface WalkRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WalkOptions {
  /** The server's origin, e.g. https://127.0.0.1:41234 */
  origin: string;
  connections: number;
  seconds: number;
  /** At most this many requests in all (autocannon's `amount`). */
  amount?: number;
  next: () => WalkRequest;
}

interface Instance {
  stop(): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (err: Error | null, result: LoadResult & { duration: number }) => void,
) => Instance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Runs the walk; resolves with autocannon's result and the seconds it really ran. */
export function walk(options: WalkOptions): Promise<LoadResult & { duration: number }> {
  return new Promise((resolve, reject) => {
    const setupRequest = (request: Record<string, unknown>) => {
      const r = options.next();
      return {
        ...request,
        method: r.method,
        path: r.path,
        headers: { ...(request.headers as Record<string, string>), ...r.headers },
        body: r.body,
      };
    };
    const limits =
      options.amount === undefined ? { duration: options.seconds } : { amount: options.amount };
    // With `amount`, autocannon has no clock of its own: stop it at `seconds` regardless.
    const clock =
      options.amount === undefined
        ? undefined
        : setTimeout(() => instance.stop(), options.seconds * 1_000);
    const guard = setTimeout(() => instance.stop(), (options.seconds + 15) * 1_000);
    // The server's certificate is self-signed; the origin is always a loopback address.
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        ...limits,
        requests: [{ setupRequest }],
        tlsOptions: { rejectUnauthorized: false },
      },
      (err, result) => {
        clearTimeout(clock);
        clearTimeout(guard);
        if (err) reject(err);
        else resolve(result);
      },
    );
  });
}
