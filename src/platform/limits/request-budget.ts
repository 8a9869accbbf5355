import type { LimitRule, RateLimits } from './rate-limits.ts';

interface Window {
  /** When this key's window ends (ms since the epoch); it starts at the key's first request. */
  ends: number;
  /** Requests this process counted in the window. */
  count: number;
  /** Of those, how many the shared store has not been told of yet. */
  unsent: number;
  /** Refused until then (ms since the epoch); 0 while the budget holds. */
  refusedUntil: number;
}

export interface Refusal {
  retryAfterSeconds: number;
  /** This process's first refusal of the key in this window (the one worth recording). */
  first: boolean;
}

/** Settled with the shared store every this many requests of one key. */
const BATCHES_PER_BUDGET = 20;

/**
 * A budget of requests per key (a session, a practice) and window, for every signed-in request.
 * It runs on every request, so the common case stays in process: a Map lookup and two
 * increments, no I/O. With Redis (RateLimits' backend), each process also settles its count
 * with the shared one every `points / 20` requests of a key — one round trip per batch, not per
 * request — and refuses as soon as the shared count is spent; across N processes a key can
 * overshoot its budget by at most N batches. Without Redis, the process's count is the budget.
 */
export class RequestBudget {
  readonly rule: LimitRule;
  #limits: RateLimits;
  #batch: number;
  #windows = new Map<string, Window>();
  #nextSweep = 0;

  constructor(rule: LimitRule, limits: RateLimits) {
    this.rule = rule;
    this.#limits = limits;
    this.#batch =
      limits.backend === 'redis' ? Math.max(1, Math.floor(rule.points / BATCHES_PER_BUDGET)) : 0;
  }

  /** Counts one request of `key`; answers undefined within the budget, else the refusal. */
  async spend(key: string): Promise<Refusal | undefined> {
    const now = Date.now();
    if (now >= this.#nextSweep) this.#sweep(now);
    let w = this.#windows.get(key);
    if (w && now < w.refusedUntil)
      return { retryAfterSeconds: seconds(w.refusedUntil - now), first: false };
    if (!w || now >= w.ends) {
      w = { ends: now + this.rule.windowSeconds * 1000, count: 0, unsent: 0, refusedUntil: 0 };
      this.#windows.set(key, w);
    }
    w.count++;
    w.unsent++;
    if (w.count > this.rule.points) return this.#refuse(w, w.ends - now);
    if (this.#batch > 0 && w.unsent >= this.#batch) {
      const sent = w.unsent;
      w.unsent = 0;
      const wait = await this.#limits.spend(this.rule, key, sent);
      if (wait > 0) return this.#refuse(w, wait);
    }
    return undefined;
  }

  #refuse(w: Window, waitMs: number): Refusal {
    w.refusedUntil = Date.now() + waitMs;
    return { retryAfterSeconds: seconds(waitMs), first: true };
  }

  /** Forgets keys whose window and refusal are over: ended sessions must not pile up. */
  #sweep(now: number): void {
    for (const [key, w] of this.#windows) {
      if (now >= w.ends && now >= w.refusedUntil) this.#windows.delete(key);
    }
    this.#nextSweep = now + this.rule.windowSeconds * 1000;
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
