import type { TestApp } from '../testing/app.ts';
import type { StaffedPractice } from '../testing/practice.ts';
import type { AppointmentKind, Channel } from '../platform/db/tables/reminders.ts';

/** Tests of reminders act on rules and preferences directly where routes are not the subject. */
export async function addRule(
  t: TestApp,
  p: StaffedPractice,
  rule: {
    offsetMinutes: number;
    channels?: Channel[];
    kinds?: AppointmentKind[];
    askConfirmation?: boolean;
  },
): Promise<string> {
  const row = await t.db.withPractice(p.practiceId, (tx) =>
    tx
      .insertInto('reminder_rules')
      .values({
        offset_minutes: rule.offsetMinutes,
        channels: rule.channels ?? ['email', 'sms'],
        kinds: rule.kinds ?? ['in_person', 'telehealth'],
        ask_confirmation: rule.askConfirmation ?? false,
        created_by: p.staff.admin.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

export async function setPreferences(
  t: TestApp,
  p: StaffedPractice,
  clientId: string,
  prefs: {
    email?: boolean;
    sms?: boolean;
    consent?: boolean;
    timeZone?: string | null;
  },
): Promise<void> {
  const values = {
    client_id: clientId,
    email_reminders: prefs.email ?? true,
    sms_reminders: prefs.sms ?? false,
    sms_consent_at: prefs.consent ? new Date() : null,
    sms_consent_by: prefs.consent ? p.staff.admin.userId : null,
    time_zone: prefs.timeZone ?? null,
    updated_by: p.staff.admin.userId,
  };
  await t.db.withPractice(p.practiceId, (tx) =>
    tx
      .insertInto('client_contact_preferences')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['practice_id', 'client_id']).doUpdateSet({
          email_reminders: values.email_reminders,
          sms_reminders: values.sms_reminders,
          sms_consent_at: values.sms_consent_at,
          sms_consent_by: values.sms_consent_by,
          time_zone: values.time_zone,
        }),
      )
      .execute(),
  );
}

export interface ReminderRow {
  id: string;
  appointment_id: string;
  rule_id: string;
  channel: Channel;
  due_at: Date;
  appointment_start: Date;
  status: string;
  status_detail: string | null;
  outbox_id: string | null;
}

export async function remindersOf(
  t: TestApp,
  practiceId: string,
  appointmentIds: string[],
): Promise<ReminderRow[]> {
  if (appointmentIds.length === 0) return [];
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('reminders')
      .select([
        'id',
        'appointment_id',
        'rule_id',
        'channel',
        'due_at',
        'appointment_start',
        'status',
        'status_detail',
        'outbox_id',
      ])
      .where('appointment_id', 'in', appointmentIds)
      .orderBy('created_at')
      .orderBy('channel')
      .execute(),
  );
}
