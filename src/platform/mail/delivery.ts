import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Tx } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import type { Mailer } from './mailer.ts';
import { SmsError, type SmsSender } from '../sms/twilio.ts';
import type { NumberDigester } from '../sms/phone.ts';
import { checkDeliveryFailures } from '../notify/failure-alert.ts';
import {
  claimDue,
  ERASED,
  isOptedOut,
  knownProviderIds,
  markFailed,
  markRetry,
  markSending,
  markSent,
  reminderStands,
  type Claimed,
} from './delivery-queries.ts';
import { failureOf, MAX_ATTEMPTS, retryAt } from './retry.ts';

const BATCH = 50;
const MAX_BATCHES_PER_PASS = 100;
const CONCURRENCY = 4;
const LEASE_SECONDS = 5 * 60;
/** Provider clocks and ours differ by a little; a reconciliation looks this much further back. */
const CLOCK_SKEW_MS = 60_000;

export interface DeliveryOptions {
  /** Keyed number digests, to honour STOP (sms_opt_outs). Needed with an SMS sender. */
  numbers?: NumberDigester | undefined;
  /** Where Twilio reports delivery: `<public URL>/api/v1/webhooks/twilio/status`. */
  statusCallbackUrl?: string | undefined;
  leaseSeconds?: number;
}

/**
 * Delivers the outbox's emails and SMS (each channel only when its sender is configured), each
 * exactly once: leases a batch (concurrent processes never take one message twice), records
 * `sending_at` in a committed update before calling the provider, and the provider's id after.
 * A message found leased-out with `sending_at` and no result (the process died in between) is
 * reconciled first: an SMS is looked up among the provider's messages to that number and only
 * sent if it is not there; an email is sent again under the same Message-ID, which receivers
 * use to drop the copy. Providers are called outside any transaction (a slow provider never
 * holds a database connection). Refusals are retried with back-off, then the message fails.
 */
export class OutboxDelivery {
  #db: Database;
  #mailer: Mailer | undefined;
  #sms: SmsSender | undefined;
  #numbers: NumberDigester | undefined;
  #statusCallbackUrl: string | undefined;
  #leaseSeconds: number;
  #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #stopping = false;

  constructor(
    db: Database,
    senders: { mailer?: Mailer | undefined; sms?: SmsSender | undefined },
    logger: Logger,
    options: DeliveryOptions = {},
  ) {
    // Texting without the digests would text numbers that said STOP: refuse to be built so.
    if (senders.sms && !options.numbers) {
      throw new TypeError('SMS delivery needs the number digester to honour opt-outs');
    }
    this.#db = db;
    this.#mailer = senders.mailer;
    this.#sms = senders.sms;
    this.#numbers = options.numbers;
    this.#statusCallbackUrl = options.statusCallbackUrl;
    this.#leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
    this.#logger = logger;
  }

  get channels(): ('email' | 'sms')[] {
    return [
      ...(this.#mailer ? (['email'] as const) : []),
      ...(this.#sms ? (['sms'] as const) : []),
    ];
  }

  start(intervalMs = 2_000): void {
    if (!this.#timer) {
      this.eraseDelivered().catch((err: unknown) =>
        this.#logger.warn({ code: (err as { code?: string }).code }, 'outbox erasure failed'),
      );
    }
    this.#timer ??= setInterval(() => void this.deliver().catch(() => {}), intervalMs);
    this.#timer.unref();
  }

  /**
   * Erases the text (and all but two digits of a number) of personal messages delivered before
   * delivery began to erase them itself; run once at start. Returns how many.
   */
  async eraseDelivered(): Promise<number> {
    const job = { job: 'outbox-erase', reason: 'erase the texts of delivered messages' };
    const { numAffectedRows } = await this.#db.unscopedAcrossPractices(job, (tx) =>
      sql`update notification_outbox set ${ERASED}
           where sent_at is not null and recipient is not null and body <> ''`.execute(tx),
    );
    return Number(numAffectedRows ?? 0);
  }

  /** One pass: sends what is due; answers how many were sent. */
  deliver(): Promise<number> {
    this.#running ??= this.#deliver().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #deliver(): Promise<number> {
    const channels = this.channels;
    if (channels.length === 0) return 0;
    const job = { job: 'outbox-delivery', reason: 'send queued emails and SMS of every practice' };
    let sent = 0;
    // Batch after batch while they come back full: a backlog (the morning's reminders) drains
    // in one pass instead of one batch per tick.
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch += 1) {
      const claimed = await this.#db.unscopedAcrossPractices(job, (tx) =>
        claimDue(tx, channels, {
          batch: BATCH,
          leaseSeconds: this.#leaseSeconds,
          maxAttempts: MAX_ATTEMPTS,
        }),
      );
      // A few at a time: most of a send is waiting on the provider and the database.
      const waiting = [...claimed];
      const lane = async () => {
        for (let m = waiting.shift(); m; m = waiting.shift()) {
          if (await this.#deliverOne(m)) sent += 1;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, lane));
      if (claimed.length > 0) {
        const practices = [...new Set(claimed.map((m) => m.practice_id))];
        await checkDeliveryFailures(this.#db, this.#logger, practices);
      }
      if (claimed.length < BATCH || this.#stopping) break;
    }
    return sent;
  }

  async #deliverOne(message: Claimed): Promise<boolean> {
    const inPractice = <T>(fn: (tx: Tx) => Promise<T>) =>
      this.#db.withPractice(message.practice_id, fn);
    try {
      if (message.sending_at && message.channel === 'sms') {
        const sid = await this.#findLostSend(message);
        if (sid) {
          await inPractice((tx) => markSent(tx, message.id, sid));
          this.#logger.info({ messageId: message.id }, 'interrupted send found sent');
          return true;
        }
      }
      const refusal = await inPractice(async (tx): Promise<string | null | undefined> => {
        if (message.expires_at && message.expires_at <= new Date()) return 'expired';
        // Only an attempt left unaccounted for gets this far; it was not sent after all.
        if (message.attempts > MAX_ATTEMPTS) return null;
        if (message.kind === 'reminder' && !(await reminderStands(tx, message.id))) {
          return 'appointment_changed';
        }
        if (message.channel === 'sms') {
          const digest = this.#numbers!.digest(message.recipient);
          if (!digest) return 'bad_number';
          if (await isOptedOut(tx, digest)) return 'opted_out';
        }
        return (await markSending(tx, message)) ? undefined : 'lease_lost';
      });
      if (refusal === 'lease_lost') return false;
      if (refusal !== undefined) {
        await inPractice((tx) => markFailed(tx, message.id, refusal));
        return false;
      }
      const providerId = await this.#send(message);
      await inPractice((tx) => markSent(tx, message.id, providerId));
      return true;
    } catch (err) {
      const failure = failureOf(err);
      // The code only: a provider's words can quote the recipient.
      this.#logger.warn(
        { messageId: message.id, code: failure.code, attempts: message.attempts },
        `${message.channel === 'sms' ? 'SMS' : 'email'} delivery failed`,
      );
      await inPractice((tx) =>
        failure.permanent || (failure.certain && message.attempts >= MAX_ATTEMPTS)
          ? markFailed(tx, message.id, failure.code)
          : markRetry(tx, message.id, failure.code, retryAt(message.attempts), failure.certain),
      ).catch((e: unknown) =>
        this.#logger.error(
          { messageId: message.id, code: failureOf(e).code },
          'outbox update failed',
        ),
      );
      return false;
    }
  }

  async #send(message: Claimed): Promise<string> {
    if (message.channel === 'sms') {
      const callback = this.#statusCallbackUrl
        ? `${this.#statusCallbackUrl}?m=${message.id}`
        : undefined;
      const { id } = await this.#sms!.send(message.recipient, message.body, {
        ...(callback ? { statusCallback: callback } : {}),
      });
      return id;
    }
    const { messageId } = await this.#mailer!.send({
      to: message.recipient,
      subject: message.subject,
      text: message.body,
      id: messageKey(message),
    });
    return messageId;
  }

  /** An SMS the provider holds, to this number with this text, that no message records yet. */
  async #findLostSend(message: Claimed): Promise<string | null> {
    const since = new Date(message.sending_at!.getTime() - CLOCK_SKEW_MS);
    const sids = await this.#sms!.findSent(message.recipient, message.body, since).catch(
      (err: unknown) => {
        // Not knowing whether it was sent is no licence to send it: the attempt stays open.
        throw new SmsError(failureOf(err).code, 'could not look the message up');
      },
    );
    // Across practices: a SID any message records is accounted for, whoever sent it.
    const job = { job: 'outbox-delivery', reason: 'match an interrupted send to its provider id' };
    const known = await this.#db.unscopedAcrossPractices(job, (tx) => knownProviderIds(tx, sids));
    // Oldest first: of two identical texts, the earlier is the one this message began.
    return sids.reverse().find((sid) => !known.has(sid)) ?? null;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => {});
    this.#mailer?.close();
  }
}

/** The Message-ID's local part: the same for every attempt at one message, and for no other. */
export function messageKey(message: { id: string; idempotency_key: string | null }): string {
  return createHash('sha256')
    .update(message.idempotency_key ?? message.id)
    .digest('hex')
    .slice(0, 32);
}
