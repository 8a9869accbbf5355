import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of Hearth's tables. Each feature adds its tables here as its migrations land. */
export interface DB {
  practices: PracticesTable;
  schema_migrations: SchemaMigrationsTable;
  audit_events: AuditEventsTable;
  audit_seals: AuditSealsTable;
  audit_pending: AuditPendingTable;
  alerts: AlertsTable;
  notification_outbox: NotificationOutboxTable;
}

/** Filled from the transaction's practice scope when omitted. */
type ScopedPracticeId = ColumnType<string, string | undefined, never>;

export interface PracticesTable {
  id: string;
  name: string;
  status: Generated<'active' | 'suspended'>;
  is_demo: Generated<boolean>;
  privacy_officer_email: ColumnType<string | null, string | null | undefined, string | null>;
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
}
