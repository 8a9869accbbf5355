import { once } from 'node:events';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppError } from '../errors.ts';

export interface LimitRule {
  name: string;
  /** Attempts allowed per window. */
  points: number;
  windowSeconds: number;
  /** Once exhausted, refuse for this long (a lockout), instead of until the window ends. */
  blockSeconds?: number;
}

/** Budgets for the doors an attacker knocks on (OWASP ASVS V2.2.1). */
export const LIMITS = {
  // The only per-address sign-in budget, and it counts failures alone: an office signs in
  // through one public address all day, and successes never spend from it.
  // Password spraying: one address trying one password on many accounts never trips the
  // per-account lockout. Its failures across accounts, known emails or not, are budgeted over
  // an hour, and once spent the address may not sign in at all for an hour.
  signInFailuresPerIp: {
    name: 'signin-fail-ip',
    points: 20,
    windowSeconds: 60 * 60,
    blockSeconds: 60 * 60,
  },
  signInFailuresPerAccount: {
    name: 'signin-account',
    points: 10,
    windowSeconds: 15 * 60,
    blockSeconds: 15 * 60,
  },
  // Second-factor attempts per address; a success gives its attempt back (failures only).
  mfaPerIp: { name: 'mfa-ip', points: 30, windowSeconds: 15 * 60 },
  // Across half-sessions: signing in again does not buy more guesses at the second factor.
  mfaFailuresPerUser: {
    name: 'mfa-user',
    points: 10,
    windowSeconds: 15 * 60,
    blockSeconds: 15 * 60,
  },
  signupPerIp: { name: 'signup-ip', points: 10, windowSeconds: 60 * 60 },
  passwordResetPerIp: { name: 'reset-ip', points: 10, windowSeconds: 60 * 60 },
  passwordResetPerAccount: { name: 'reset-account', points: 3, windowSeconds: 60 * 60 },
  smsPerUser: { name: 'sms-user', points: 5, windowSeconds: 60 * 60 },
} satisfies Record<string, LimitRule>;

export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(
    retryAfterSeconds: number,
    message = `Too many attempts. Please wait ${Math.ceil(retryAfterSeconds / 60)} minute(s) and try again.`,
  ) {
    super('rate_limited', { status: 429, message });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Rate limits shared by every Hearth process through Redis when REDIS_URL is set, in process
 * otherwise. If Redis is unreachable, an in-memory limiter stands in (rate-limiter-flexible's
 * insurance limiter): limits weaken to per process, they never switch off.
 */
export class RateLimits {
  #redis: Redis | undefined;
  #limiters = new Map<string, RateLimiterAbstract>();

  constructor(redisUrl?: string) {
    // No offline queue: a command to a down Redis fails at once and the insurance limiter answers.
    this.#redis = redisUrl
      ? new Redis(redisUrl, {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          lazyConnect: false,
        })
      : undefined;
    this.#redis?.on('error', () => {});
  }

  get backend(): 'redis' | 'memory' {
    return this.#redis ? 'redis' : 'memory';
  }

  /**
   * Resolves once Redis is connected (at once without Redis). Until then every limit is kept by
   * the in-memory insurance limiter, per process: tests of sharing wait for this first.
   */
  async connected(): Promise<void> {
    const redis = this.#redis;
    if (!redis || redis.status === 'ready') return;
    await once(redis, 'ready');
  }

  #limiter(rule: LimitRule): RateLimiterAbstract {
    let limiter = this.#limiters.get(rule.name);
    if (limiter) return limiter;
    const options = {
      keyPrefix: `hearth:rl:${rule.name}`,
      points: rule.points,
      duration: rule.windowSeconds,
      blockDuration: rule.blockSeconds ?? 0,
    };
    const memory = new RateLimiterMemory(options);
    limiter = this.#redis
      ? new RateLimiterRedis({ ...options, storeClient: this.#redis, insuranceLimiter: memory })
      : memory;
    this.#limiters.set(rule.name, limiter);
    return limiter;
  }

  /** Spends one attempt and answers how many remain; throws 429 (with Retry-After) when none did. */
  async hit(rule: LimitRule, key: string): Promise<number> {
    try {
      return (await this.#limiter(rule).consume(key)).remainingPoints;
    } catch (err) {
      if (err instanceof RateLimiterRes)
        throw new RateLimitedError(Math.ceil(err.msBeforeNext / 1000));
      throw err;
    }
  }

  /** Throws 429 if the budget is already gone, without spending an attempt. */
  async check(rule: LimitRule, key: string): Promise<void> {
    const res = await this.#limiter(rule).get(key);
    const blocked = res && (res.remainingPoints <= 0 || res.consumedPoints > rule.points);
    if (blocked) throw new RateLimitedError(Math.ceil(res.msBeforeNext / 1000));
  }

  /** Gives back one attempt that `hit` spent before it was known not to count. */
  async refund(rule: LimitRule, key: string): Promise<void> {
    await this.#limiter(rule).reward(key, 1);
  }

  /**
   * Spends `points` at once (a batch counted elsewhere); answers 0 while the budget holds, or the
   * milliseconds until it renews once it is spent.
   */
  async spend(rule: LimitRule, key: string, points: number): Promise<number> {
    try {
      await this.#limiter(rule).consume(key, points);
      return 0;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(1, err.msBeforeNext);
      throw err;
    }
  }

  /** True for the first call with `key` in the rule's window, across every process sharing it. */
  async first(rule: LimitRule, key: string): Promise<boolean> {
    return (await this.spend(rule, key, 1)) === 0;
  }

  async reset(rule: LimitRule, key: string): Promise<void> {
    await this.#limiter(rule).delete(key);
  }

  async close(): Promise<void> {
    await this.#redis?.quit().catch(() => {});
  }
}
