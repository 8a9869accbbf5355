import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import type {
  NewRule,
  PreviewBody,
  Rule,
  RulePatch,
  SettingsAnswer,
  SettingsPatch,
} from './schemas.ts';
import {
  countRules,
  insertRule,
  selectRules,
  selectSettings,
  updateRule,
  upsertSettings,
  type RuleRow,
  type RuleValues,
} from './settings-queries.ts';
import {
  DEFAULT_TEMPLATES,
  PLACEHOLDERS,
  SAMPLE_VALUES,
  checkTemplates,
  renderEmail,
  renderSms,
  smsSegments,
} from './templates.ts';

/** Enough for "a week, two days, a day and two hours before" with room to spare. */
const MAX_RULES = 10;
const hhmm = (time: string) => time.slice(0, 5);

function toRule(row: RuleRow): Rule {
  return {
    id: row.id,
    offsetMinutes: row.offset_minutes,
    channels: row.channels,
    kinds: row.kinds,
    askConfirmation: row.ask_confirmation,
    enabled: row.enabled,
  };
}

async function answer(tx: Parameters<Parameters<Database['withPractice']>[1]>[0]) {
  const [row, rules] = [await selectSettings(tx), await selectRules(tx)];
  const result: SettingsAnswer = {
    settings: {
      quietStart: hhmm(row?.quiet_start ?? '21:00'),
      quietEnd: hhmm(row?.quiet_end ?? '08:00'),
      lateCancelHours: row?.late_cancel_hours ?? 24,
      emailSubject: row?.email_subject ?? null,
      emailBody: row?.email_body ?? null,
      smsBody: row?.sms_body ?? null,
      failureAlertPercent: row?.failure_alert_percent ?? 20,
      digestNoteDays: row?.digest_note_days ?? 3,
    },
    rules: rules.map(toRule),
    defaults: DEFAULT_TEMPLATES,
    placeholders: [...PLACEHOLDERS],
  };
  return result;
}

export function readReminderSettings(db: Database, actor: Actor): Promise<SettingsAnswer> {
  return db.withPractice(actor.practiceId, answer);
}

/**
 * Saves the settings; quiet hours re-plan every future appointment's pending reminders in the
 * same transaction (trigger reminder_settings_reminders, migration 0026).
 */
export async function updateReminderSettings(
  db: Database,
  actor: Actor,
  patch: SettingsPatch,
  context: AuditContext,
): Promise<SettingsAnswer> {
  checkTemplates(patch);
  return db.withPractice(actor.practiceId, async (tx) => {
    await upsertSettings(
      tx,
      {
        ...(patch.quietStart !== undefined ? { quiet_start: patch.quietStart } : {}),
        ...(patch.quietEnd !== undefined ? { quiet_end: patch.quietEnd } : {}),
        ...(patch.lateCancelHours !== undefined
          ? { late_cancel_hours: patch.lateCancelHours }
          : {}),
        ...(patch.emailSubject !== undefined ? { email_subject: patch.emailSubject } : {}),
        ...(patch.emailBody !== undefined ? { email_body: patch.emailBody } : {}),
        ...(patch.smsBody !== undefined ? { sms_body: patch.smsBody } : {}),
        ...(patch.failureAlertPercent !== undefined
          ? { failure_alert_percent: patch.failureAlertPercent }
          : {}),
        ...(patch.digestNoteDays !== undefined ? { digest_note_days: patch.digestNoteDays } : {}),
      },
      actor.userId,
    );
    await audit(tx, context, {
      action: 'reminder.settings.changed',
      subjectType: 'reminder_settings',
      detail: { fields: Object.keys(patch).sort().join('+') },
    });
    return answer(tx);
  });
}

function ruleValues(input: RulePatch): RuleValues {
  return {
    ...(input.offsetMinutes !== undefined ? { offset_minutes: input.offsetMinutes } : {}),
    ...(input.channels !== undefined ? { channels: input.channels } : {}),
    ...(input.kinds !== undefined ? { kinds: input.kinds } : {}),
    ...(input.askConfirmation !== undefined ? { ask_confirmation: input.askConfirmation } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  };
}

export async function createReminderRule(
  db: Database,
  actor: Actor,
  input: NewRule,
  context: AuditContext,
): Promise<Rule> {
  return db.withPractice(actor.practiceId, async (tx) => {
    if ((await countRules(tx)) >= MAX_RULES) {
      throw AppError.badRequest(
        `A practice can have at most ${MAX_RULES} reminder rules; remove one first.`,
        'too_many_rules',
      );
    }
    const row = await insertRule(
      tx,
      {
        offset_minutes: input.offsetMinutes,
        channels: input.channels,
        kinds: input.kinds ?? ['in_person', 'telehealth'],
        ask_confirmation: input.askConfirmation ?? false,
        enabled: input.enabled ?? true,
      },
      actor.userId,
    );
    await audit(tx, context, {
      action: 'reminder.rule.created',
      subjectType: 'reminder_rule',
      subjectId: row.id,
    });
    return toRule(row);
  });
}

const noSuchRule = () => AppError.notFound('There is no such reminder rule.');

export async function changeReminderRule(
  db: Database,
  actor: Actor,
  id: string,
  patch: RulePatch,
  context: AuditContext,
): Promise<Rule> {
  return db.withPractice(actor.practiceId, async (tx) => {
    const row = await updateRule(tx, id, ruleValues(patch));
    if (!row) throw noSuchRule();
    await audit(tx, context, {
      action: 'reminder.rule.changed',
      subjectType: 'reminder_rule',
      subjectId: id,
      detail: { fields: Object.keys(patch).sort().join('+') },
    });
    return toRule(row);
  });
}

/** Kept (reminders already sent name it), but gone: its pending reminders are withdrawn. */
export async function deleteReminderRule(
  db: Database,
  actor: Actor,
  id: string,
  context: AuditContext,
): Promise<void> {
  await db.withPractice(actor.practiceId, async (tx) => {
    const row = await updateRule(tx, id, { deleted_at: new Date() });
    if (!row) throw noSuchRule();
    await audit(tx, context, {
      action: 'reminder.rule.deleted',
      subjectType: 'reminder_rule',
      subjectId: id,
    });
  });
}

/** Renders templates (the given ones, else the defaults) with made-up values: no real data. */
export function previewReminder(body: PreviewBody) {
  checkTemplates(body);
  const email = renderEmail(
    {
      emailSubject: body.emailSubject ?? DEFAULT_TEMPLATES.emailSubject,
      emailBody: body.emailBody ?? DEFAULT_TEMPLATES.emailBody,
    },
    SAMPLE_VALUES,
  );
  // With the reply prompt: the longest a text of this template gets.
  const sms = renderSms(body.smsBody ?? DEFAULT_TEMPLATES.smsBody, SAMPLE_VALUES, true);
  return { email, sms: { body: sms, segments: smsSegments(sms) } };
}
