import type { Migration } from '../migration.ts';

/**
 * Every reference between tenant tables carries the practice (issue 14, item 8). A foreign key
 * is checked without row-level security, so `client_id references clients (id)` accepted a row
 * of practice A pointing at practice B's client: only application code stopped it. Now each
 * such key is `(practice_id, <column>) references <table> (practice_id, id)`, and the database
 * itself refuses a cross-practice reference (23503), for every role, the owner included.
 *
 * The referenced tables get `unique (practice_id, id)` (users has it since migration 0013).
 * Each key keeps its name and its behaviour: none cascades or sets null (all NO ACTION), so
 * nothing about deleting changes. tenant-foreign-keys.test.ts reads the catalog and fails for
 * any key between tenant tables that leaves the practice out, so a new table cannot forget.
 */

/** Tables referenced by another tenant table, which need (practice_id, id) to be unique. */
const REFERENCED = [
  'clients',
  'appointment_series',
  'appointments',
  'locations',
  'notes',
  'note_addenda',
  'documents',
  'audit_events',
];

/** [table, column, referenced table]: every single-column key between tenant tables. */
const KEYS: [string, string, string][] = [
  ['sessions', 'user_id', 'users'],
  ['baa_acceptances', 'signer_user_id', 'users'],
  ['mfa_recovery_codes', 'user_id', 'users'],
  ['account_tokens', 'user_id', 'users'],
  ['mfa_sms_codes', 'user_id', 'users'],
  ['webauthn_credentials', 'user_id', 'users'],
  ['client_clinicians', 'client_id', 'clients'],
  ['client_clinicians', 'user_id', 'users'],
  ['break_glass_grants', 'client_id', 'clients'],
  ['break_glass_grants', 'user_id', 'users'],
  ['client_diagnoses', 'client_id', 'clients'],
  ['client_diagnoses', 'added_by', 'users'],
  ['client_diagnoses', 'removed_by', 'users'],
  ['client_insurance', 'client_id', 'clients'],
  ['client_insurance', 'created_by', 'users'],
  ['working_hours', 'clinician_id', 'users'],
  ['working_hours', 'created_by', 'users'],
  ['time_off', 'clinician_id', 'users'],
  ['time_off', 'created_by', 'users'],
  ['appointment_series', 'client_id', 'clients'],
  ['appointment_series', 'created_by', 'users'],
  ['appointment_series', 'split_from', 'appointment_series'],
  ['appointments', 'client_id', 'clients'],
  ['appointments', 'clinician_id', 'users'],
  ['appointments', 'created_by', 'users'],
  ['appointments', 'updated_by', 'users'],
  ['appointments', 'location_id', 'locations'],
  ['appointments', 'series_id', 'appointment_series'],
  ['calendar_feeds', 'clinician_id', 'users'],
  ['calendar_feeds', 'created_by', 'users'],
  ['notes', 'client_id', 'clients'],
  ['notes', 'author_id', 'users'],
  ['notes', 'signed_by', 'users'],
  ['notes', 'cosigned_by', 'users'],
  ['notes', 'appointment_id', 'appointments'],
  ['note_addenda', 'note_id', 'notes'],
  ['note_addenda', 'author_id', 'users'],
  ['note_versions', 'note_id', 'notes'],
  ['note_versions', 'actor_id', 'users'],
  ['note_versions', 'addendum_id', 'note_addenda'],
  ['safety_plans', 'client_id', 'clients'],
  ['safety_plans', 'author_id', 'users'],
  ['documents', 'client_id', 'clients'],
  ['documents', 'uploaded_by', 'users'],
  ['documents', 'deleted_by', 'users'],
  ['document_keys', 'document_id', 'documents'],
  ['audit_seals', 'event_id', 'audit_events'],
];

export const migration: Migration = {
  version: 20,
  name: 'tenant-foreign-keys',
  statements: [
    ...REFERENCED.map(
      (table) =>
        `alter table ${table} add constraint ${table}_practice_member unique (practice_id, id)`,
    ),
    // One statement per key: drop the single-column key and add the composite one under the
    // same name, checked against the rows already there (a cross-practice row stops the
    // migration rather than survive it).
    ...KEYS.map(
      ([table, column, referenced]) =>
        `alter table ${table}
           drop constraint ${table}_${column}_fkey,
           add constraint ${table}_${column}_fkey foreign key (practice_id, ${column})
             references ${referenced} (practice_id, id)`,
    ),
  ],
};
