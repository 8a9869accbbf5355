import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

export const migration: Migration = {
  version: 4,
  name: 'field-keys-and-mfa',
  statements: [
    // Per-practice data keys for field encryption, stored only wrapped by a KEK version.
    `create table practice_keys (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       purpose text not null check (purpose in ('field')),
       kek_version integer not null check (kek_version > 0),
       wrapped bytea not null,
       created_at timestamptz not null default now(),
       retired_at timestamptz
     )`,
    `create unique index practice_keys_one_active on practice_keys (practice_id, purpose) where retired_at is null`,
    ...tenantTableDdl('practice_keys', { app: 'select, insert', jobs: 'select, insert, update' }),

    // TOTP: the secret is field-encrypted; the last accepted time step makes each code single-use.
    `alter table users
       add column totp_secret text,
       add column totp_pending_secret text,
       add column totp_enabled_at timestamptz,
       add column totp_last_step bigint`,
    `alter table sessions add column mfa_failures integer not null default 0`,

    // Ten single-use recovery codes per user, stored as SHA-256 (80 random bits each).
    `create table mfa_recovery_codes (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       user_id uuid not null references users (id),
       code_hash bytea not null check (length(code_hash) = 32),
       used_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    `create index mfa_recovery_codes_by_user on mfa_recovery_codes (practice_id, user_id) where used_at is null`,
    ...tenantTableDdl('mfa_recovery_codes', {
      app: 'select, insert, update, delete',
      jobs: 'select',
    }),
  ],
};
