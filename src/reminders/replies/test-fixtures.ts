import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../testing/app.ts';
import { SAME_ORIGIN } from '../../testing/http.ts';
import {
  book,
  booking,
  schedulingPractice,
  type Scheduling,
} from '../../scheduling/test-fixtures.ts';
import type { Channel } from '../../platform/db/tables/reminders.ts';

export interface ReplyScene extends Scheduling {
  /** A disabled rule: reminders rows need one, and a disabled one makes none of its own. */
  ruleId: string;
}

export async function replyScene(t: TestApp, zone?: string): Promise<ReplyScene> {
  const s = await schedulingPractice(t, zone);
  const rule = await t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .insertInto('reminder_rules')
      .values({
        offset_minutes: 60,
        channels: ['email', 'sms'],
        kinds: ['in_person', 'telehealth'],
        ask_confirmation: true,
        enabled: false,
        created_by: s.p.staff.admin.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return { ...s, ruleId: rule.id };
}

/** Books a telehealth appointment for the scene's client, starting `minutesAhead` from now. */
export async function bookAhead(t: TestApp, s: ReplyScene, minutesAhead: number, extra = {}) {
  const start = new Date(Date.now() + minutesAhead * 60_000);
  start.setUTCSeconds(0, 0);
  const r = await book(t, s.p.staff.front_desk, booking(s, start.toISOString(), 50, extra));
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}

export const newToken = () => randomBytes(32).toString('base64url');
// sha256 of the token as written: what the send job stores (see replyTokenHash).
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * A reminder as the send job leaves it: queued, its outbox message in `delivery` (default sent),
 * asking for a reply, with the link's token hash (email) or the number's digest (SMS).
 */
export async function addReminder(
  t: TestApp,
  s: ReplyScene,
  o: {
    appointmentId: string;
    channel: Channel;
    token?: string;
    digest?: Buffer;
    delivery?: 'queued' | 'sent' | 'delivered' | 'failed';
    sentAt?: Date;
  },
): Promise<string> {
  return t.db.withPractice(s.p.practiceId, async (tx) => {
    const a = await tx
      .selectFrom('appointments')
      .select('start_at')
      .where('id', '=', o.appointmentId)
      .executeTakeFirstOrThrow();
    const delivery = o.delivery ?? 'sent';
    const sentAt = delivery === 'queued' ? null : (o.sentAt ?? new Date());
    const outbox = await tx
      .insertInto('notification_outbox')
      .values({
        channel: o.channel,
        recipient: o.channel === 'email' ? 'client@example.org' : '+15552013344',
        subject: 'Reminder',
        body: 'Your appointment',
        kind: 'reminder',
        status: delivery,
        sent_at: sentAt,
        status_at: sentAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('reminders')
      .values({
        appointment_id: o.appointmentId,
        rule_id: s.ruleId,
        channel: o.channel,
        due_at: sentAt ?? new Date(),
        appointment_start: a.start_at,
        status: 'queued',
        outbox_id: outbox.id,
        asks_reply: true,
        reply_token_hash: o.token ? hashOf(o.token) : null,
        sms_to_digest: o.digest ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** The reply link's API, as the public page calls it (no session; same-origin for POST). */
export function replyLink(
  t: TestApp,
  token: string,
  answer?: unknown,
  options: { ip?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const request: InjectOptions = {
    method: answer === undefined ? 'GET' : 'POST',
    url: `/api/v1/reminder-replies/${token}`,
    headers: { ...SAME_ORIGIN, ...options.headers },
    remoteAddress: options.ip ?? '203.0.113.7',
    ...(answer === undefined ? {} : { payload: answer as object }),
  };
  return t.app.inject(request);
}

export async function appointmentState(t: TestApp, s: Scheduling, id: string) {
  return t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .selectFrom('appointments')
      .select(['status', 'status_reason', 'updated_by', 'updated_via', 'start_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

export async function reminderReply(t: TestApp, s: Scheduling, id: string) {
  return t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .selectFrom('reminders')
      .select(['reply', 'reply_channel', 'replied_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

export async function replyAudit(t: TestApp, s: Scheduling, action: string) {
  return t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select([
        'actor_type',
        'actor_label',
        'actor_user_id',
        'outcome',
        'client_id',
        'subject_id',
        'detail',
      ])
      .where('action', '=', action)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
  );
}
