import type { Tx } from '../platform/db/database.ts';
import type { AppointmentKind, Channel } from '../platform/db/tables/reminders.ts';

export async function selectSettings(tx: Tx) {
  return tx
    .selectFrom('reminder_settings')
    .select([
      'quiet_start',
      'quiet_end',
      'late_cancel_hours',
      'email_subject',
      'email_body',
      'sms_body',
      'failure_alert_percent',
      'digest_note_days',
    ])
    .executeTakeFirst();
}

export interface SettingsValues {
  quiet_start?: string;
  quiet_end?: string;
  late_cancel_hours?: number;
  email_subject?: string | null;
  email_body?: string | null;
  sms_body?: string | null;
  failure_alert_percent?: number;
  digest_note_days?: number;
}

/** One row per practice: created on the first save, with the defaults for what is not given. */
export async function upsertSettings(
  tx: Tx,
  values: SettingsValues,
  userId: string,
): Promise<void> {
  const row = { ...values, updated_by: userId, updated_at: new Date() };
  await tx
    .insertInto('reminder_settings')
    .values(row)
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(row))
    .execute();
}

const RULE_COLUMNS = [
  'id',
  'offset_minutes',
  'channels',
  'kinds',
  'ask_confirmation',
  'enabled',
] as const;

export async function selectRules(tx: Tx) {
  return tx
    .selectFrom('reminder_rules')
    .select(RULE_COLUMNS)
    .where('deleted_at', 'is', null)
    .orderBy('offset_minutes', 'desc')
    .orderBy('created_at')
    .execute();
}
export type RuleRow = Awaited<ReturnType<typeof selectRules>>[number];

export async function countRules(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('reminder_rules')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface RuleValues {
  offset_minutes?: number;
  channels?: Channel[];
  kinds?: AppointmentKind[];
  ask_confirmation?: boolean;
  enabled?: boolean;
}

export async function insertRule(
  tx: Tx,
  values: Required<RuleValues>,
  userId: string,
): Promise<RuleRow> {
  return tx
    .insertInto('reminder_rules')
    .values({ ...values, created_by: userId })
    .returning(RULE_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function updateRule(
  tx: Tx,
  id: string,
  values: RuleValues & { deleted_at?: Date },
): Promise<RuleRow | undefined> {
  return tx
    .updateTable('reminder_rules')
    .set(values)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returning(RULE_COLUMNS)
    .executeTakeFirst();
}
