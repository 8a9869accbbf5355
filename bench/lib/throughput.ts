// Streaming throughput helpers: a plaintext source that never holds the document in memory,
// a discarding sink, and peak-RSS sampling while a phase runs.
import { open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';

export const MiB = 2 ** 20;

/** `total` bytes as pieces of one reused random block: memory is one block, whatever the total. */
export function plaintextSource(total: number, block: Buffer): Readable {
  function* pieces() {
    for (let sent = 0; sent < total; sent += block.length) {
      yield total - sent >= block.length ? block : block.subarray(0, total - sent);
    }
  }
  return Readable.from(pieces());
}

/** The process's resident memory while a phase runs: `process.memoryUsage.rss()`, sampled. */
export class RssSampler {
  readonly #every: number;
  #sinceSample = 0;
  readonly startMb = process.memoryUsage.rss() / MiB;
  #peakMb = this.startMb;

  /** Samples at least every `every` bytes seen (4 MiB: a few milliseconds of work). */
  constructor(every = 4 * MiB) {
    this.#every = every;
  }

  saw(bytes: number): void {
    this.#sinceSample += bytes;
    if (this.#sinceSample < this.#every) return;
    this.#sinceSample = 0;
    this.#peakMb = Math.max(this.#peakMb, process.memoryUsage.rss() / MiB);
  }

  /** "peak RSS 92 MB (80 MB at start)" */
  describe(): string {
    this.#peakMb = Math.max(this.#peakMb, process.memoryUsage.rss() / MiB);
    return `peak RSS ${this.#peakMb.toFixed(0)} MB (${this.startMb.toFixed(0)} MB at start)`;
  }
}

/** Discards what it is given, letting the sampler see it pass. */
export function discard(sampler?: RssSampler): Writable {
  return new Writable({
    highWaterMark: MiB,
    write(chunk: Buffer, _encoding, done) {
      sampler?.saw(chunk.length);
      done();
    },
  });
}

export interface Timing {
  seconds: number;
  /**
   * CPU seconds of this thread alone (not the thread pool's reads, not GC helpers): less
   * sensitive than wall time to other work on a shared machine.
   */
  cpuSeconds: number;
}

/** Wall and main-thread CPU time an async task takes. */
export async function timed(task: () => Promise<unknown>): Promise<Timing> {
  const started = performance.now();
  const cpu = process.threadCpuUsage();
  await task();
  const used = process.threadCpuUsage(cpu);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** Decimal megabytes per second, as throughput is usually quoted. */
export const mbps = (bytes: number, seconds: number): number => bytes / seconds / 1e6;

/** MB/s by the wall clock and per second of main-thread CPU. */
export interface Rate {
  wall: number;
  cpu: number;
}

export const rateOf = (bytes: number, t: Timing): Rate => ({
  wall: mbps(bytes, t.seconds),
  cpu: mbps(bytes, t.cpuSeconds),
});

/**
 * A file as a stream of `chunk`-sized reads with `depth` reads in flight, so reading overlaps
 * the consumer's work (fs.createReadStream reads the next chunk only once the last is taken).
 */
export function prefetchingFileSource(path: string, chunk: number, depth = 4): Readable {
  async function* reads() {
    const handle = await open(path);
    const inflight: Array<Promise<Buffer>> = [];
    let position = 0;
    const issue = () => {
      const at = position;
      position += chunk;
      const buffer = Buffer.allocUnsafe(chunk);
      inflight.push(handle.read(buffer, 0, chunk, at).then((r) => buffer.subarray(0, r.bytesRead)));
    };
    try {
      for (let i = 0; i < depth; i++) issue();
      for (;;) {
        const next = await inflight.shift();
        if (!next || next.length === 0) break;
        issue();
        yield next;
      }
    } finally {
      await Promise.allSettled(inflight);
      await handle.close();
    }
  }
  return Readable.from(reads());
}
