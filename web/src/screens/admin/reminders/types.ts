// Hand-written from the issue 17 contract (CORE's reminder settings routes), because those
// routes are not in this branch yet. Once they are, replace these with the generated types:
//   ReminderSettingsAnswer = ResponseOf<'/api/v1/reminder-settings'>, Rule = ItemOf<…> etc.

export type Channel = 'email' | 'sms';
export type AppointmentKind = 'in_person' | 'telehealth';

/** `GET /api/v1/reminder-settings` → settings. Null templates: Hearth's own wording. */
export interface ReminderSettings {
  /** "HH:MM", local time in the client's zone (the practice's when none is set). */
  quietStart: string;
  quietEnd: string;
  lateCancelHours: number;
  emailSubject: string | null;
  emailBody: string | null;
  smsBody: string | null;
  failureAlertPercent: number;
  digestNoteDays: number;
}

/** One reminder rule: when (minutes before the start), how, for which kinds of session. */
export interface Rule {
  id: string;
  offsetMinutes: number;
  channels: Channel[];
  kinds: AppointmentKind[];
  askConfirmation: boolean;
  enabled: boolean;
}

export type RuleBody = Omit<Rule, 'id'>;

export interface Templates {
  emailSubject: string;
  emailBody: string;
  smsBody: string;
}

/** `GET|PUT /api/v1/reminder-settings`. */
export interface ReminderSettingsAnswer {
  settings: ReminderSettings;
  rules: Rule[];
  defaults: Templates;
  placeholders: string[];
}

/** `POST /api/v1/reminder-settings/preview` (sample values, no real data). */
export interface PreviewBody {
  emailSubject?: string;
  emailBody?: string;
  smsBody?: string;
}

export interface Preview {
  email: { subject: string; body: string };
  sms: { body: string; segments: number };
}
