import type { ColumnType, Generated } from 'kysely';
import type { DiagnosisTables } from './tables/diagnoses.ts';
import type { DocumentTables } from './tables/documents.ts';
import type { NoteTables } from './tables/notes.ts';
import type { SafetyPlanTables } from './tables/safety-plans.ts';
import type { ReminderTables } from './tables/reminders.ts';
import type { SchedulingTables } from './tables/scheduling.ts';

/**
 * Kysely's view of Hearth's tables: the core ones below, and each later feature's in
 * `tables/<feature>.ts`, so that features growing in parallel do not edit one file.
 */
export interface DB
  extends
    DiagnosisTables,
    DocumentTables,
    NoteTables,
    ReminderTables,
    SafetyPlanTables,
    SchedulingTables {
  practices: PracticesTable;
  schema_migrations: SchemaMigrationsTable;
  audit_events: AuditEventsTable;
  audit_seals: AuditSealsTable;
  audit_pending: AuditPendingTable;
  alerts: AlertsTable;
  notification_outbox: NotificationOutboxTable;
  users: UsersTable;
  sessions: SessionsTable;
  baa_acceptances: BaaAcceptancesTable;
  practice_keys: PracticeKeysTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  account_tokens: AccountTokensTable;
  mfa_sms_codes: MfaSmsCodesTable;
  clients: ClientsTable;
  client_clinicians: ClientCliniciansTable;
  break_glass_grants: BreakGlassGrantsTable;
  webauthn_credentials: WebauthnCredentialsTable;
}

/** A field sealed by platform/crypto/field.ts. Plain strings cannot be stored where this is typed. */
export type Sealed = string & { readonly __sealed: unique symbol };

/** Filled from the transaction's practice scope when omitted. */
export type ScopedPracticeId = ColumnType<string, string | undefined, never>;

export interface PracticesTable {
  id: string;
  name: string;
  status: Generated<'active' | 'suspended'>;
  is_demo: Generated<boolean>;
  privacy_officer_email: ColumnType<string | null, string | null | undefined, string | null>;
  mfa_required: Generated<boolean>;
  idle_timeout_minutes: Generated<number>;
  ip_allowlist: ColumnType<string[], never, string[]>;
  time_zone: Generated<string>;
  cosign_associate_notes: Generated<boolean>;
  document_size_limit: ColumnType<string, string | number | undefined, string | number>;
  created_at: ColumnType<Date, never, never>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: ColumnType<Date, never, never>;
}

export interface AuditEventsTable {
  id: ColumnType<string, never, never>;
  practice_id: ScopedPracticeId;
  occurred_at: ColumnType<Date, never, never>;
  actor_type: 'user' | 'system' | 'anonymous';
  actor_user_id: string | null;
  actor_role: string | null;
  actor_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  client_id: string | null;
  outcome: 'success' | 'denied' | 'error';
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
}

export interface AuditSealsTable {
  practice_id: ScopedPracticeId;
  seq: ColumnType<string, string | number, never>;
  event_id: ColumnType<string, string, never>;
  prev_hash: Buffer;
  hash: Buffer;
  sealed_at: ColumnType<Date, never, never>;
}

export interface AuditPendingTable {
  event_id: string;
  practice_id: ScopedPracticeId;
}

export interface AlertsTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  kind: string;
  severity: 'warning' | 'critical';
  message: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: ColumnType<Date, never, never>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface NotificationOutboxTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  channel: 'email' | 'sms';
  recipient: string | null;
  subject: string;
  body: string;
  created_at: ColumnType<Date, never, never>;
  sent_at: Date | null;
  claimed_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** What the message is, for the delivery log (migration 0026). */
  kind: Generated<'account' | 'alert' | 'reminder' | 'reply' | 'digest'>;
  /** One message per key: a reminder is enqueued at most once. */
  idempotency_key: string | null;
  status: Generated<'queued' | 'sent' | 'delivered' | 'failed'>;
  status_at: Date | null;
  /** The provider's id for the message (Twilio's SID, the SMTP Message-ID). */
  provider_id: string | null;
  next_attempt_at: Date | null;
  /** Set just before the provider is called: a crash after it leaves this to reconcile. */
  sending_at: Date | null;
  /** A link or code inside stops working then: the text is erased if still unsent. */
  expires_at: Date | null;
}

export type Role = 'admin' | 'supervisor' | 'associate' | 'biller' | 'front_desk';

export interface UsersTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  email: string;
  name: string;
  role: Role;
  status: Generated<'invited' | 'active' | 'suspended' | 'removed'>;
  password_hash: string | null;
  password_changed_at: Date | null;
  totp_secret: Sealed | null;
  totp_pending_secret: Sealed | null;
  totp_enabled_at: Date | null;
  totp_last_step: ColumnType<string | null, string | null | undefined, string | null>;
  sms_phone: Sealed | null;
  sms_pending_phone: Sealed | null;
  sms_enabled_at: Date | null;
  emergency_access: Generated<boolean>;
  /** The supervisor who co-signs this associate's notes (migration 0013). */
  supervisor_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Shown with signatures, e.g. "LCSW" (migration 0013). */
  credentials: ColumnType<string | null, string | null | undefined, string | null>;
  /** A PHI-free daily email of what waits for the user (migration 0026). */
  digest_email: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface SessionsTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  user_id: string;
  token_hash: Buffer;
  mfa_pending: boolean;
  created_at: ColumnType<Date, never, never>;
  last_seen_at: ColumnType<Date, never, Date>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
  mfa_failures: Generated<number>;
  webauthn_challenge: string | null;
  webauthn_challenge_expires: Date | null;
  /** When the password was last typed into this session (migration 0017). */
  password_confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface BaaAcceptancesTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  version: string;
  text_sha256: string;
  signer_name: string;
  signer_user_id: string;
  accepted_at: ColumnType<Date, never, never>;
  ip: string | null;
}

export interface PracticeKeysTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  purpose: 'field';
  kek_version: number;
  wrapped: Buffer;
  created_at: ColumnType<Date, never, never>;
  retired_at: Date | null;
}

export interface MfaRecoveryCodesTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  user_id: string;
  code_hash: Buffer;
  used_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}

export interface AccountTokensTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  user_id: string;
  purpose: 'invitation' | 'password_reset';
  token_hash: Buffer;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
  used_at: Date | null;
}

export interface MfaSmsCodesTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  user_id: string;
  purpose: 'enrol' | 'sign_in';
  code_hash: Buffer;
  expires_at: Date;
  used_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}

export interface ClientsTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  date_of_birth: string;
  email: string | null;
  phone: string | null;
  address: ColumnType<Record<string, string>, string | undefined, string>;
  emergency_contact: ColumnType<Record<string, string>, string | undefined, string>;
  status: Generated<'active' | 'inactive' | 'discharged'>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  search_name: ColumnType<string, never, never>;
}

export interface ClientCliniciansTable {
  practice_id: ScopedPracticeId;
  client_id: string;
  user_id: string;
}

export interface BreakGlassGrantsTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  user_id: string;
  client_id: string;
  reason: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
  reviewed_at: Date | null;
  reviewed_by: string | null;
}

export interface WebauthnCredentialsTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  user_id: string;
  credential_id: string;
  public_key: Buffer;
  counter: ColumnType<string, string | number | undefined, string | number>;
  transports: ColumnType<string[], string[] | undefined, string[]>;
  name: Generated<string>;
  created_at: ColumnType<Date, never, never>;
  last_used_at: Date | null;
}
