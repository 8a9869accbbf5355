import type { Database, Tx } from '../platform/db/database.ts';
import { auditEach, type AuditContext } from '../platform/audit-trail/record.ts';
import { toE164, type NumberDigester } from '../platform/sms/phone.ts';
import { newReplyToken } from './reply-token.ts';
import {
  claimDue,
  insertMessages,
  optedOut,
  practiceTemplates,
  practicesWithDue,
  recordOutcomes,
  type DueReminder,
  type NewMessage,
  type ReminderOutcome,
} from './send-queries.ts';
import {
  DEFAULT_TEMPLATES,
  VIDEO_SESSION,
  formatWhen,
  renderEmail,
  renderSms,
  type Templates,
  type TemplateValues,
} from './templates.ts';

export interface SendServices {
  db: Database;
  digester: NumberDigester;
  /** Where the reply links point (HEARTH_PUBLIC_URL). */
  publicUrl: string;
}

export interface SendReport {
  queued: number;
  skipped: number;
}

export const SEND_JOB = 'reminders-send';
const ACTOR: AuditContext = { actor: { type: 'system', job: SEND_JOB } };
const SMS_SUBJECT = 'Appointment reminder';
// In person with no location chosen: the practice's own premises, which the client knows.
const IN_PERSON = 'in person';

/**
 * Turns every due reminder into an outbox message, or skips it saying why. One transaction per
 * batch: the messages, the reminders' new state and the audit rows commit together or not at
 * all, so a worker killed mid-batch leaves its reminders pending for the next run, and a
 * reminder once queued is never picked again (and its idempotency key refuses a second row).
 */
export async function sendDueReminders(
  services: SendServices,
  options: { batchSize?: number } = {},
): Promise<SendReport> {
  const batchSize = options.batchSize ?? 200;
  const report: SendReport = { queued: 0, skipped: 0 };
  for (const practiceId of await practicesWithDue(services.db)) {
    for (;;) {
      const batch = await services.db.withPractice(practiceId, (tx) =>
        sendBatch(tx, services, batchSize),
      );
      report.queued += batch.queued;
      report.skipped += batch.skipped;
      if (batch.claimed < batchSize) break;
    }
  }
  return report;
}

type Plan =
  | { reminder: DueReminder; skip: string }
  | {
      reminder: DueReminder;
      message: NewMessage;
      digest: Buffer | null;
      tokenHash: Buffer | null;
    };

async function sendBatch(
  tx: Tx,
  services: SendServices,
  batchSize: number,
): Promise<SendReport & { claimed: number }> {
  const due = await claimDue(tx, batchSize);
  if (due.length === 0) return { queued: 0, skipped: 0, claimed: 0 };
  const stored = await practiceTemplates(tx);
  const templates: Templates = {
    emailSubject: stored?.email_subject ?? DEFAULT_TEMPLATES.emailSubject,
    emailBody: stored?.email_body ?? DEFAULT_TEMPLATES.emailBody,
    smsBody: stored?.sms_body ?? DEFAULT_TEMPLATES.smsBody,
  };
  const digests = new Map<string, Buffer>();
  for (const r of due) {
    const digest = r.channel === 'sms' && r.phone ? services.digester.digest(r.phone) : null;
    if (digest) digests.set(r.id, digest);
  }
  const stopped = await optedOut(tx, [...digests.values()]);
  const now = Date.now();
  const plans = due.map((r) =>
    plan(r, templates, services.publicUrl, digests.get(r.id) ?? null, stopped, now),
  );
  const ids = await insertMessages(
    tx,
    plans.flatMap((p) => ('message' in p ? [p.message] : [])),
  );
  const outcomes: ReminderOutcome[] = plans.map((p) =>
    'message' in p
      ? {
          id: p.reminder.id,
          status: 'queued',
          detail: null,
          outboxId: ids.get(p.reminder.id) ?? null,
          asksReply: p.reminder.ask_confirmation,
          smsToDigest: p.digest,
          replyTokenHash: p.tokenHash,
        }
      : {
          id: p.reminder.id,
          status: 'skipped',
          detail: p.skip,
          outboxId: null,
          asksReply: false,
          smsToDigest: null,
          replyTokenHash: null,
        },
  );
  await recordOutcomes(tx, outcomes);
  await auditEach(
    tx,
    ACTOR,
    plans.map((p) => ({
      action: 'reminder.send',
      subjectType: 'reminder',
      subjectId: p.reminder.id,
      clientId: p.reminder.client_id,
      detail: {
        appointmentId: p.reminder.appointment_id,
        channel: p.reminder.channel,
        result: 'message' in p ? 'queued' : 'skipped',
        reason: 'message' in p ? null : p.skip,
      },
    })),
  );
  const queued = plans.filter((p) => 'message' in p).length;
  return { queued, skipped: plans.length - queued, claimed: due.length };
}

function plan(
  r: DueReminder,
  templates: Templates,
  publicUrl: string,
  digest: Buffer | null,
  stopped: Set<string>,
  now: number,
): Plan {
  // The triggers withdraw reminders of changed appointments; this guards the race with a
  // change committed after the reminder was planned but before it was locked here.
  if (
    !['scheduled', 'confirmed'].includes(r.appointment_status) ||
    r.start_at.getTime() !== r.appointment_start.getTime()
  ) {
    return { reminder: r, skip: 'appointment_changed' };
  }
  if (r.start_at.getTime() <= now) return { reminder: r, skip: 'too_late' };
  const values: TemplateValues = {
    ...formatWhen(r.start_at, r.zone),
    clinician: r.clinician_name,
    practice: r.practice_name,
    place: r.kind === 'telehealth' ? VIDEO_SESSION : (r.location_name ?? IN_PERSON),
    link: '',
  };
  const base = { reminderId: r.id, channel: r.channel, expiresAt: r.start_at };
  if (r.channel === 'email') {
    if (!r.email) return { reminder: r, skip: 'no_email' };
    const reply = r.ask_confirmation ? newReplyToken() : null;
    if (reply) values.link = `${publicUrl}/r/${reply.token}`;
    const email = renderEmail(templates, values);
    return {
      reminder: r,
      message: { ...base, recipient: r.email, ...email },
      digest: null,
      tokenHash: reply?.hash ?? null,
    };
  }
  if (!r.sms_reminders || !r.sms_consent_at) return { reminder: r, skip: 'no_consent' };
  if (!r.phone) return { reminder: r, skip: 'no_phone' };
  const e164 = toE164(r.phone);
  if (!e164 || !digest) return { reminder: r, skip: 'bad_phone' };
  if (stopped.has(digest.toString('hex'))) return { reminder: r, skip: 'opted_out' };
  return {
    reminder: r,
    message: {
      ...base,
      recipient: e164,
      subject: SMS_SUBJECT,
      body: renderSms(templates.smsBody, values, r.ask_confirmation),
    },
    digest,
    tokenHash: null,
  };
}
