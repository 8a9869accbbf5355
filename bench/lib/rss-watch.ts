// Another process's resident memory during one phase: VmRSS sampled every few milliseconds,
// and the kernel's own peak (VmHWM, reset at the start where Linux allows it), so that a peak
// between two samples is not missed.
import { peakRssMb, resetPeakRss, rssMb } from './rss.ts';

const SAMPLE_MS = 20;

export class RssWatch {
  readonly #pid: number;
  readonly #kernelPeak: boolean;
  readonly #timer: NodeJS.Timeout;
  readonly startMb: number | undefined;
  #maxMb: number;

  constructor(pid: number) {
    this.#pid = pid;
    this.startMb = rssMb(pid);
    this.#maxMb = this.startMb ?? 0;
    this.#kernelPeak = resetPeakRss(pid);
    this.#timer = setInterval(() => {
      this.#maxMb = Math.max(this.#maxMb, rssMb(pid) ?? 0);
    }, SAMPLE_MS);
    this.#timer.unref();
  }

  /** The peak in MB (the kernel's where it kept one, else the highest sample). */
  stop(): number | undefined {
    clearInterval(this.#timer);
    const kernel = this.#kernelPeak ? peakRssMb(this.#pid) : undefined;
    if (this.startMb === undefined) return undefined;
    return Math.max(this.#maxMb, kernel ?? 0);
  }

  /** "peak server RSS 212 MB (188 MB before)" */
  describe(who = 'server'): string {
    const peak = this.stop();
    if (peak === undefined) return `${who} RSS not available off Linux`;
    return `peak ${who} RSS ${peak.toFixed(0)} MB (${(this.startMb ?? 0).toFixed(0)} MB before)`;
  }
}
