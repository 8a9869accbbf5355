import type { ColumnType, Generated } from 'kysely';
import type { ScopedPracticeId } from '../schema.ts';

/**
 * Kysely's view of the reminders feature's tables, merged into `DB` in ../schema.ts. Each table
 * here is created by migration 0026-reminders.ts; keep the two in step.
 */
export interface ReminderTables {
  reminder_settings: ReminderSettingsTable;
  reminder_rules: ReminderRulesTable;
  client_contact_preferences: ClientContactPreferencesTable;
  reminders: RemindersTable;
  sms_opt_outs: SmsOptOutsTable;
}

export type Channel = 'email' | 'sms';
export type AppointmentKind = 'in_person' | 'telehealth';

export interface ReminderSettingsTable {
  practice_id: ScopedPracticeId;
  /** Local wall-clock `HH:MM:SS` in the client's zone (the practice's when none is set). */
  quiet_start: Generated<string>;
  quiet_end: Generated<string>;
  late_cancel_hours: Generated<number>;
  /** The practice's own wording; null: Hearth's default template. */
  email_subject: string | null;
  email_body: string | null;
  sms_body: string | null;
  failure_alert_percent: Generated<number>;
  digest_note_days: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface ReminderRulesTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  offset_minutes: number;
  channels: Channel[];
  kinds: AppointmentKind[];
  ask_confirmation: Generated<boolean>;
  enabled: Generated<boolean>;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
  deleted_at: Date | null;
}

export interface ClientContactPreferencesTable {
  practice_id: ScopedPracticeId;
  client_id: string;
  email_reminders: Generated<boolean>;
  sms_reminders: Generated<boolean>;
  /** When consent to texts was recorded, and by whom; both null: no consent. */
  sms_consent_at: Date | null;
  sms_consent_by: string | null;
  /** IANA zone for the client's reminders and quiet hours; null: the practice's. */
  time_zone: string | null;
  updated_by: string;
  updated_at: Generated<Date>;
}

export type ReminderStatus = 'pending' | 'queued' | 'withdrawn' | 'skipped';
export type ReminderReply = 'confirmed' | 'cancelled' | 'late_cancelled';

export interface RemindersTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  appointment_id: string;
  rule_id: string;
  channel: Channel;
  due_at: Date;
  /** The appointment's start when the reminder was planned: a moved appointment never matches. */
  appointment_start: Date;
  status: Generated<ReminderStatus>;
  /** Why it was withdrawn or skipped (`appointment_changed`, `no_phone`, `opted_out`, …). */
  status_detail: string | null;
  /** The outbox message it became; delivery state is that row's. */
  outbox_id: string | null;
  asks_reply: Generated<boolean>;
  /** Keyed digest of the number texted (platform/sms/phone.ts), to match a reply. */
  sms_to_digest: Buffer | null;
  /** SHA-256 of the one-time reply link's token. */
  reply_token_hash: Buffer | null;
  replied_at: Date | null;
  reply: ReminderReply | null;
  reply_channel: Channel | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: Generated<Date>;
}

export interface SmsOptOutsTable {
  number_digest: Buffer;
  opted_out: boolean;
  changed_at: Generated<Date>;
}
