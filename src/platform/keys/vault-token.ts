import type { Logger } from '../logging.ts';
import { expectOk, VaultError, type VaultHttp } from './vault-http.ts';

/** setTimeout cannot wait past ~24.8 days; renewing at least twice a day costs nothing. */
const LONGEST_WAIT_S = 12 * 3600;
/** After a failed renewal (Vault unreachable, sealed), try again this soon, or sooner. */
const RETRY_S = 60;

/**
 * Keeps Hearth's Vault token alive: looks it up at start and renews it (`renew-self`) each time
 * half of its remaining lease has passed, as Vault Agent does. A token that will stop working
 * anyway — not renewable, or at its maximum TTL — is reported in the log with the time it
 * expires, so an operator can issue a new one before every record becomes unreadable. Messages
 * never carry the token.
 */
export class VaultTokenKeeper {
  readonly #http: VaultHttp;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #expiresAt = 0;
  /** The longest lease seen: a renewal that gives less has hit the token's maximum TTL. */
  #longestLease = 0;
  #stopped = false;

  constructor(http: VaultHttp, logger: Logger) {
    this.#http = http;
    this.#logger = logger;
  }

  async start(): Promise<void> {
    const lookup = await this.#http.call('GET', 'auth/token/lookup-self');
    if (lookup.status === 403) {
      // The token works for Transit (check() passed) but lacks the default policy.
      this.#logger.warn(
        "Vault refused to look up Hearth's token, so Hearth cannot renew it: grant it the default policy (auth/token/lookup-self, auth/token/renew-self), or renew it yourself",
      );
      return;
    }
    const token = expectOk('look up its token', lookup);
    const ttl = Number(token.ttl ?? 0);
    if (!(ttl > 0)) {
      this.#logger.info('the Vault token does not expire: nothing to renew');
      return;
    }
    this.#expiresAt = Date.now() + ttl * 1000;
    this.#longestLease = ttl;
    if (token.renewable !== true) {
      this.#logger.warn(
        { expiresAt: this.#expiry() },
        'the Vault token is not renewable: when it expires Hearth can open no record; give Hearth a renewable (periodic) token',
      );
      return;
    }
    this.#logger.info({ expiresAt: this.#expiry() }, 'renewing the Vault token before it expires');
    this.#schedule(ttl / 2);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #expiry(): string {
    return new Date(this.#expiresAt).toISOString();
  }

  #schedule(seconds: number): void {
    if (this.#stopped) return;
    const wait = Math.min(Math.max(seconds, 1), LONGEST_WAIT_S);
    this.#timer = setTimeout(() => void this.#renew(), wait * 1000);
    // Renewal never keeps a finished command (hearth rekey, hearth scrub) running.
    this.#timer.unref();
  }

  async #renew(): Promise<void> {
    let lease: number;
    try {
      const answer = await this.#http.call('POST', 'auth/token/renew-self', {});
      expectOk('renew its token', answer);
      lease = Number(answer.auth?.lease_duration ?? 0);
      this.#expiresAt = Date.now() + lease * 1000;
    } catch (err) {
      const remaining = (this.#expiresAt - Date.now()) / 1000;
      const refused = err instanceof VaultError && (err.status === 403 || err.status === 400);
      this.#logger.error(
        { expiresAt: this.#expiry(), error: (err as Error).message },
        refused
          ? 'Vault refused to renew the token (revoked, expired or not renewable): give Hearth a new token'
          : 'could not renew the Vault token; trying again',
      );
      if (!refused && remaining > 1) this.#schedule(Math.min(RETRY_S, remaining / 2));
      return;
    }
    if (lease < this.#longestLease * 0.9) {
      this.#logger.warn(
        { expiresAt: this.#expiry() },
        'the Vault token has reached its maximum TTL: when it expires Hearth can open no record; give Hearth a new token before then',
      );
    }
    this.#longestLease = Math.max(this.#longestLease, lease);
    if (lease >= 2) this.#schedule(lease / 2);
  }
}
