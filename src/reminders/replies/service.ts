import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Channel, ReminderReply } from '../../platform/db/tables/reminders.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { LimitRule, RateLimits } from '../../platform/limits/rate-limits.ts';
import type { SmsAnswer, SmsReplyHandler } from '../../platform/sms/replies.ts';
import { applyClientAnswer } from '../../scheduling/index.ts';
import {
  recordReply,
  selectReplyTarget,
  unscopedLatestSmsReminder,
  unscopedReminderByToken,
  type ReminderRef,
} from './queries.ts';
import { isLate, stateOf, viewOf, type ReplyView } from './reply-state.ts';
import { smsReplyText } from './reply-words.ts';
import { replyTokenHash } from '../reply-token.ts';

export type ReplyAnswer = SmsAnswer;

/** The channel answers for the client: it is the audit trail's actor, never a staff member. */
const JOB: Record<Channel, string> = { sms: 'sms-reply', email: 'email-link' };

/** Budgets for the public reply link, per network address. */
export const REPLY_LIMITS = {
  // Far above a person opening the page, reloading and answering, even behind a shared address.
  linkPerIp: { name: 'reply-link-ip', points: 60, windowSeconds: 15 * 60 },
  // Tokens are 256-bit: a stream of unknown ones is a probe, not a typo. Once spent, that
  // address may not use reply links for an hour.
  unknownPerIp: {
    name: 'reply-link-unknown-ip',
    points: 10,
    windowSeconds: 60 * 60,
    blockSeconds: 60 * 60,
  },
} satisfies Record<string, LimitRule>;

/** Who asks, from where: the request's address, agent and id (the actor is the channel). */
export interface RequestInfo {
  ip: string;
  userAgent?: string | undefined;
  requestId?: string | undefined;
}

const NO_SUCH_LINK = () =>
  AppError.notFound(
    'This link is not valid. Please use the link in your most recent reminder, or contact the practice.',
    'no_such_link',
  );

/**
 * Reads a reminder (no answer) or answers it, in its practice's own transaction. The client is
 * not a user, so the one access rule (which decides what staff may reach) has no say here: the
 * credential is the secret token, or the phone number the reminder was sent to.
 */
async function replyTo(
  db: Database,
  ref: ReminderRef,
  o: { channel: Channel; answer?: ReplyAnswer | undefined; context: AuditContext },
): Promise<{ view: ReplyView; changed: boolean } | null> {
  return db.withPractice(ref.practiceId, async (tx) => {
    const t = await selectReplyTarget(tx, ref.reminderId);
    if (!t) return null;
    const now = new Date();
    const subject = {
      subjectType: 'appointment',
      subjectId: t.appointment_id,
      clientId: t.client_id,
    };
    const before = stateOf(t, now);
    if (!o.answer) {
      await audit(tx, o.context, {
        action: 'appointment.reply_link.read',
        ...subject,
        detail: { channel: o.channel, reminderId: t.id, state: before.state },
      });
      return { view: viewOf(t, now, before), changed: false };
    }
    if (before.state !== 'open') {
      // Too late, or a second answer: the first one stands and nothing changes.
      await audit(tx, o.context, {
        action: 'appointment.client_reply',
        outcome: 'denied',
        ...subject,
        detail: { channel: o.channel, answer: o.answer, reason: before.state },
      });
      return { view: viewOf(t, now, before), changed: false };
    }
    const reply: ReminderReply =
      o.answer === 'confirm' ? 'confirmed' : isLate(t, now) ? 'late_cancelled' : 'cancelled';
    await applyClientAnswer(tx, {
      appointmentId: t.appointment_id,
      status: reply,
      via: o.channel,
    });
    await recordReply(tx, t.id, reply, o.channel);
    await audit(tx, o.context, {
      action: 'appointment.client_reply',
      ...subject,
      detail: { channel: o.channel, answer: reply, reminderId: t.id },
    });
    return { view: viewOf(t, now, { state: 'answered', answer: reply }), changed: true };
  });
}

/**
 * What is stored of a link's token (32 random bytes, base64url, as the send job issues it): the
 * SHA-256 of the token as written, like a session token's, so a database leak holds no live link.
 */
/**
 * The reply link (public, no sign-in): what its reminder is about and whether it can still be
 * answered; with an answer, confirms or cancels. Unknown tokens are 404 and spend from the
 * address's budget for them; there is no practice to audit them in, so the request log (route
 * pattern and status, never the token) is where they show.
 */
export async function useReplyLink(
  db: Database,
  limits: RateLimits,
  o: { token: string; answer?: ReplyAnswer; request: RequestInfo },
): Promise<ReplyView> {
  const { ip } = o.request;
  await limits.check(REPLY_LIMITS.unknownPerIp, ip);
  await limits.hit(REPLY_LIMITS.linkPerIp, ip);
  const ref = await unscopedReminderByToken(db, replyTokenHash(o.token));
  const context: AuditContext = { ...o.request, actor: { type: 'system', job: JOB.email } };
  const result = ref
    ? await replyTo(db, ref, { channel: 'email', answer: o.answer, context })
    : null;
  if (!result) {
    await limits.hit(REPLY_LIMITS.unknownPerIp, ip).catch(() => 0);
    throw NO_SUCH_LINK();
  }
  return result.view;
}

/**
 * Answers "C" or "X" texted back by a number (its keyed digest): applies it to the latest
 * reminder that number was sent, and says what happened in a PHI-free text. Null when that
 * number has no reminder awaiting a reply: the webhook then answers nothing.
 */
export function smsReplyHandler(db: Database): SmsReplyHandler {
  const context: AuditContext = { actor: { type: 'system', job: JOB.sms } };
  return async ({ digest, answer }) => {
    const ref = await unscopedLatestSmsReminder(db, digest);
    if (!ref) return null;
    const result = await replyTo(db, ref, { channel: 'sms', answer, context });
    return result && { text: smsReplyText(result.view, result.changed) };
  };
}
