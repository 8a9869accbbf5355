import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, total: number, detail?: string): void;
  stop(): void;
}

/**
 * A progress bar on a terminal; elsewhere (logs, CI, a parent process) one plain line at most
 * every second, so that long work is visibly alive without flooding a log.
 */
export function progress(label: string, unit: string): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {detail} | {eta_formatted} left`,
        stream: process.stderr,
      },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, detail = '') {
        if (!started) bar.start(total, done, { detail });
        started = true;
        bar.setTotal(total);
        bar.update(done, { detail });
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, total, detail = '') {
      const now = Date.now();
      if (now - last < 1000 && done < total) return;
      last = now;
      process.stderr.write(`${label}: ${done}/${total} ${unit}${detail ? `, ${detail}` : ''}\n`);
    },
    stop: () => {},
  };
}
