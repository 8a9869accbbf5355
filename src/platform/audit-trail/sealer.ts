import type { Database } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import { practicesWithPendingSeals, sealPractice } from './seal.ts';

/**
 * Seals every practice's new audit events shortly after they commit: a sweep every
 * `intervalMs` finds practices with pending events and seals each. Several server processes
 * may sweep at once; a practice being sealed by one is skipped by the others.
 */
export class AuditSealer {
  #db: Database;
  #logger: Logger;
  #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  // Every quarter second: a busy practice's batch stays small, so sealing it holds the event
  // loop (shared with requests) for a millisecond or two rather than for tens once a second.
  constructor(db: Database, logger: Logger, intervalMs = 250) {
    this.#db = db;
    this.#logger = logger;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.sweep().catch(() => {}), this.#intervalMs);
    this.#timer.unref();
  }

  /** Seals everything pending now; concurrent calls share one sweep. */
  sweep(options: { wait?: boolean } = {}): Promise<number> {
    this.#running ??= this.#sweep(options.wait ?? false).finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #sweep(wait: boolean): Promise<number> {
    let sealed = 0;
    try {
      for (const practiceId of await practicesWithPendingSeals(this.#db)) {
        sealed += await sealPractice(this.#db, practiceId, { wait });
      }
    } catch (err) {
      this.#logger.error({ err }, 'audit sealing failed');
      throw err;
    }
    return sealed;
  }

  /** Stops the timer and seals what is left, so a clean shutdown leaves nothing unsealed. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => {});
    await this.sweep({ wait: true }).catch(() => {});
  }
}
