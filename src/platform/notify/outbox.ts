import type { Tx } from '../db/database.ts';

export interface OutboundMessage {
  channel: 'email' | 'sms';
  /** null: the practice's administrators, who read the outbox in Hearth. */
  to: string | null;
  subject: string;
  body: string;
}

/**
 * Every email and SMS is first written to the outbox in the transaction that decided to send
 * it, so a message is never sent for work that rolled back nor lost for work that committed.
 * A delivery worker (arriving with mail and SMS) sends from here; until then admins read it.
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
