import type { Tx } from '../../platform/db/database.ts';
import { enqueueMessage } from '../../platform/notify/outbox.ts';

export type FactorKind = 'totp' | 'sms' | 'passkey';
export type FactorChange = 'added' | 'replaced' | 'removed';

const KIND: Record<FactorKind, string> = {
  totp: 'authenticator app',
  sms: 'text messages',
  passkey: 'passkey',
};
const CHANGE: Record<FactorChange, string> = {
  added: 'added to',
  replaced: 'replaced in',
  removed: 'removed from',
};

/** "2026-11-23 14:05 UTC": the same for every reader, whatever their time zone. */
const utcMinute = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * Tells the person, by email through the outbox (in the transaction that made the change), that
 * a sign-in method was added, replaced or removed: if it was not them, they learn it at once.
 * Fixed wording and the time only — no names, no passkey label (chosen freely, so it could say
 * anything), no link to follow.
 */
export async function noticeFactorChange(
  tx: Tx,
  userId: string,
  kind: FactorKind,
  change: FactorChange,
): Promise<void> {
  const user = await tx
    .selectFrom('users')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  await enqueueMessage(tx, {
    channel: 'email',
    to: user.email,
    subject: `A sign-in method was ${CHANGE[change]} your Hearth account`,
    body: `A sign-in method (${KIND[kind]}) was ${CHANGE[change]} your Hearth account on ${utcMinute(new Date())}. If it was not you, tell your practice's administrator at once and change your password.`,
  });
}
