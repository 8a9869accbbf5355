// Hand-written from the issue 17 contract (CORE's `GET|PUT /api/v1/clients/:id/contact-
// preferences`), because that route is not in this branch yet. Once it is, replace these with
// ResponseOf<'/api/v1/clients/{id}/contact-preferences'> and BodyOf<…, 'put'>.

export interface ContactPreferences {
  emailReminders: boolean;
  smsReminders: boolean;
  /** When the client's agreement to texts was recorded, and by whom; null: not recorded. */
  smsConsent: { at: string; byName: string } | null;
  /** IANA zone for the client's reminders and quiet hours; null: the practice's. */
  timeZone: string | null;
  hasEmail: boolean;
  phone: 'ok' | 'missing' | 'invalid';
  /** The client's number replied STOP (and not START since). */
  optedOut: boolean;
}

export interface ContactPreferencesBody {
  emailReminders: boolean;
  smsReminders: boolean;
  /** On: record the agreement now, by the caller (kept if already recorded); off: clear it. */
  smsConsent: boolean;
  timeZone: string | null;
}
