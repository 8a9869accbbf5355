// Readers running while something else works on the documents (re-keying): `loops` concurrent
// loops each download a random document and check it against the SHA-256 of what was uploaded,
// until stopped (or `maxSeconds`, a bound in case the stopper never comes).
import { downloadDocument } from './document-http.ts';
import type { SeededRandom } from './seed-random.ts';

export interface StoredDocument {
  id: string;
  sha256: string;
  bytes: number;
}

export interface ReadStats {
  reads: number;
  bytes: number;
  /** Requests that failed (a non-200, a cut-off stream). */
  errors: number;
  /** Documents that came back different from what was uploaded. */
  mismatches: number;
  seconds: number;
  /** The first failure's message, to say what went wrong. */
  firstError?: string;
}

export function startReads(options: {
  origin: string;
  cookie: string;
  documents: readonly StoredDocument[];
  loops: number;
  random: SeededRandom;
  maxSeconds: number;
}): { stop(): Promise<ReadStats> } {
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;
  const stats: ReadStats = { reads: 0, bytes: 0, errors: 0, mismatches: 0, seconds: 0 };
  let stopped = false;
  const loop = async () => {
    while (!stopped && performance.now() < deadline) {
      const doc = options.random.pick(options.documents);
      try {
        const got = await downloadDocument({
          origin: options.origin,
          cookie: options.cookie,
          id: doc.id,
        });
        stats.reads += 1;
        stats.bytes += got.bytes;
        if (got.sha256 !== doc.sha256 || got.bytes !== doc.bytes) stats.mismatches += 1;
      } catch (err) {
        stats.errors += 1;
        stats.firstError ??= (err as Error).message;
      }
    }
  };
  const running = Promise.all(Array.from({ length: options.loops }, loop));
  return {
    async stop() {
      stopped = true;
      await running;
      stats.seconds = (performance.now() - started) / 1000;
      return stats;
    },
  };
}
