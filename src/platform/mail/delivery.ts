import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import type { Mailer } from './mailer.ts';
import type { SmsSender } from '../sms/twilio.ts';

const BATCH = 50;
const LEASE_MINUTES = 5;
const MAX_ATTEMPTS = 8;
/** A delivered message keeps who and when; its text, and a texted number, are erased. */
const ERASED = sql`body = '',
  recipient = case when channel = 'sms' then '••• ' || right(recipient, 2) else recipient end`;

interface Claimed {
  id: string;
  channel: 'email' | 'sms';
  practice_id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Delivers the outbox's emails and SMS (each channel only when its sender is configured): leases
 * a batch (so concurrent processes never send one twice), sends each outside any transaction (a
 * slow mail server never holds a database connection), then marks it sent and erases its text,
 * or records the failure for a later retry with the lease left to expire.
 */
export class OutboxDelivery {
  #db: Database;
  #mailer: Mailer | undefined;
  #sms: SmsSender | undefined;
  #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(
    db: Database,
    senders: { mailer?: Mailer | undefined; sms?: SmsSender | undefined },
    logger: Logger,
  ) {
    this.#db = db;
    this.#mailer = senders.mailer;
    this.#sms = senders.sms;
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

  deliver(): Promise<number> {
    this.#running ??= this.#deliver().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #deliver(): Promise<number> {
    const channels = this.channels;
    if (channels.length === 0) return 0;
    const job = { job: 'outbox-delivery', reason: 'send queued emails and SMS of every practice' };
    const claimed = await this.#db.unscopedAcrossPractices(job, async (tx) => {
      const { rows } = await sql<Claimed>`
        update notification_outbox set claimed_at = now(), attempts = attempts + 1
         where id in (
           select id from notification_outbox
            where sent_at is null and recipient is not null and channel = any(${channels})
              -- A failed message (e.g. a reminder recalled when its appointment changed) stays unsent.
              and status = 'queued'
              and attempts < ${MAX_ATTEMPTS}
              and (claimed_at is null or claimed_at < now() - make_interval(mins => ${LEASE_MINUTES}))
            order by created_at limit ${BATCH}
            for update skip locked)
        returning id, channel, practice_id, recipient, subject, body, attempts`.execute(tx);
      return rows;
    });
    let sent = 0;
    for (const message of claimed) {
      try {
        if (message.channel === 'sms') await this.#sms?.send(message.recipient, message.body);
        else
          await this.#mailer?.send({
            to: message.recipient,
            subject: message.subject,
            text: message.body,
          });
        // Once delivered, the text is the recipient's alone: it may hold a reset link, an
        // invitation or a sign-in code, which a database copy must not. A phone number (sealed
        // on the user) keeps only its last two digits.
        await this.#db.withPractice(message.practice_id, (tx) =>
          sql`update notification_outbox set sent_at = now(), last_error = null, ${ERASED}
               where id = ${message.id}`.execute(tx),
        );
        sent += 1;
      } catch (err) {
        const code = (err as { code?: string }).code ?? (err as Error).name;
        // The error code only: server replies can quote the recipient.
        this.#logger.warn(
          { messageId: message.id, code, attempts: message.attempts },
          'email delivery failed',
        );
        await this.#db.withPractice(message.practice_id, (tx) =>
          sql`update notification_outbox set last_error = ${String(code).slice(0, 100)} where id = ${message.id}`.execute(
            tx,
          ),
        );
      }
    }
    return sent;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => {});
    this.#mailer?.close();
  }
}
