import type { Database } from '../platform/db/database.ts';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { NumberDigester } from '../platform/sms/phone.ts';
import type { SmsReplyHandler } from '../platform/sms/replies.ts';
import { HELP_TEXT, keywordOf } from './keywords.ts';
import { recordDeliveryStatus, upsertOptOut } from './queries.ts';
import { twiml } from './twiml.ts';

/** What the webhooks need beyond the database: Twilio's token, the digests, the reply rule. */
export interface MessagingDeps {
  /** The Twilio account's auth token, which signs its webhooks; unset: every webhook is refused. */
  twilioAuthToken: string | undefined;
  numbers: NumberDigester;
  /** The reminders feature's answer to "C" and "X"; unset: those texts are ignored. */
  replies?: SmsReplyHandler | undefined;
}

const OPT_OUT_JOB = {
  job: 'sms-opt-out',
  reason: 'record a STOP or START texted to the deployment number (not any practice data)',
};
const STATUS_JOB = {
  job: 'twilio-status',
  reason: "record Twilio's delivery report for a message it was given",
};

/**
 * An inbound text: STOP and START change the number's opt-out, HELP is answered, C and X go to
 * the reminders' reply handler; anything else is ignored. Logs say what happened, never who
 * sent what.
 */
export async function receiveText(
  db: Database,
  deps: MessagingDeps,
  logger: Logger,
  text: { from: string; body: string },
): Promise<string> {
  const keyword = keywordOf(text.body);
  const digest = deps.numbers.digest(text.from);
  if (!keyword || !digest) {
    logger.info(
      { event: 'sms_inbound_ignored', reason: digest ? 'no_keyword' : 'bad_number' },
      'inbound text ignored',
    );
    return twiml();
  }
  switch (keyword.kind) {
    case 'opt_out':
    case 'opt_in':
      await db.unscopedAcrossPractices(OPT_OUT_JOB, (tx) =>
        upsertOptOut(tx, digest, keyword.kind === 'opt_out'),
      );
      logger.info({ event: `sms_${keyword.kind}` }, 'SMS opt-out changed');
      // Twilio answers these words itself on every number (carrier rules): a second answer
      // from Hearth would be a duplicate.
      return twiml();
    case 'help':
      return twiml(HELP_TEXT);
    case 'answer': {
      const answered = deps.replies ? await deps.replies({ digest, answer: keyword.answer }) : null;
      if (!answered) {
        logger.info(
          { event: 'sms_inbound_ignored', reason: 'no_open_reminder' },
          'inbound text ignored',
        );
        return twiml();
      }
      return twiml(answered.text);
    }
  }
}

/** Twilio's MessageStatus → the outbox's status; interim states change nothing. */
const FINAL: Record<string, 'delivered' | 'failed'> = {
  delivered: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
};

/** A status callback: delivered, or failed with Twilio's error code as the reason. */
export async function receiveStatus(
  db: Database,
  logger: Logger,
  report: { outboxId: string | undefined; sid: string; status: string; errorCode?: string },
): Promise<void> {
  const status = FINAL[report.status];
  if (!status) return;
  const reason =
    status === 'failed'
      ? `twilio_${/^\d{1,10}$/.test(report.errorCode ?? '') ? report.errorCode : report.status}`
      : null;
  const changed = await db.unscopedAcrossPractices(STATUS_JOB, (tx) =>
    recordDeliveryStatus(tx, { outboxId: report.outboxId, sid: report.sid, status, reason }),
  );
  if (changed === 0)
    logger.info({ event: 'twilio_status_unmatched' }, 'status for no known message');
}
