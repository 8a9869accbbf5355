// Closed-loop load inside this process: N concurrent loops call one operation until time is up.
import { ms } from './stats.ts';

export interface LoopResult {
  ops: number;
  perSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
}

/** Stops at `seconds` or after `maxOps` operations, whichever comes first. */
export async function timedLoops(
  concurrency: number,
  seconds: number,
  op: () => Promise<unknown>,
  maxOps = 5_000_000,
): Promise<LoopResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1_000;
  let failure: { error: unknown } | undefined;
  const loop = async () => {
    while (!failure && latencies.length < maxOps && performance.now() < deadline) {
      const t = performance.now();
      try {
        await op();
      } catch (error) {
        failure ??= { error };
        return;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  if (failure) throw failure.error;
  const elapsed = (performance.now() - started) / 1_000;
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

/** The p-quantile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** "1,234 ops/s, p50 0.81 ms, p99 2.10 ms" */
export function describeLoops(r: LoopResult, unit = 'ops/s'): string {
  const rate = Math.round(r.perSecond).toLocaleString('en-US');
  return `${rate} ${unit}, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`;
}
