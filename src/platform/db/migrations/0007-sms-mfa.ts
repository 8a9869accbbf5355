import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

export const migration: Migration = {
  version: 7,
  name: 'sms-mfa',
  statements: [
    // Phone numbers are field-encrypted, like TOTP secrets.
    `alter table users
       add column sms_phone text,
       add column sms_pending_phone text,
       add column sms_enabled_at timestamptz`,
    `create table mfa_sms_codes (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       user_id uuid not null references users (id),
       purpose text not null check (purpose in ('enrol', 'sign_in')),
       code_hash bytea not null check (length(code_hash) = 32),
       expires_at timestamptz not null,
       used_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    `create index mfa_sms_codes_open on mfa_sms_codes (practice_id, user_id, purpose) where used_at is null`,
    ...tenantTableDdl('mfa_sms_codes', { app: 'select, insert, update', jobs: 'select' }),
  ],
};
