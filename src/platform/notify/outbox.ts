import type { Tx } from '../db/database.ts';

export type MessageKind = 'account' | 'alert' | 'reminder' | 'reply' | 'digest';

export interface OutboundMessage {
  channel: 'email' | 'sms';
  /** null: the practice's administrators, who read the outbox in Hearth. */
  to: string | null;
  subject: string;
  body: string;
  /** What the message is, for the delivery log; default `account`. */
  kind?: MessageKind;
  /**
   * When a link or code inside stops working: a message still unsent then is never sent, and
   * its text and number are erased (notify/hygiene.ts).
   */
  expiresAt?: Date;
  /** One message per key, ever: a second enqueue with the same key fails (unique index). */
  idempotencyKey?: string;
}

/**
 * Every email and SMS is first written to the outbox in the transaction that decided to send
 * it, so a message is never sent for work that rolled back nor lost for work that committed.
 * The delivery (mail/delivery.ts) sends from here; without a sender, admins read it.
 * Messages carry no PHI (DESIGN.md invariant 4): callers pass fixed wording and ids.
 */
export async function enqueueMessage(tx: Tx, message: OutboundMessage): Promise<string> {
  const row = await tx
    .insertInto('notification_outbox')
    .values({
      channel: message.channel,
      recipient: message.to,
      subject: message.subject,
      body: message.body,
      ...(message.kind ? { kind: message.kind } : {}),
      expires_at: message.expiresAt ?? null,
      idempotency_key: message.idempotencyKey ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
