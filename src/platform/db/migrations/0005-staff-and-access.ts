import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

export const migration: Migration = {
  version: 5,
  name: 'staff-and-access',
  statements: [
    `alter table users drop constraint users_status_check`,
    `alter table users add constraint users_status_check
       check (status in ('invited', 'active', 'suspended', 'removed'))`,

    // Single-use tokens (invitations, password resets), stored as SHA-256 only.
    `create table account_tokens (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       user_id uuid not null references users (id),
       purpose text not null check (purpose in ('invitation', 'password_reset')),
       token_hash bytea not null unique check (length(token_hash) = 32),
       created_at timestamptz not null default now(),
       expires_at timestamptz not null,
       used_at timestamptz
     )`,
    `create index account_tokens_by_user on account_tokens (practice_id, user_id, purpose) where used_at is null`,
    ...tenantTableDdl('account_tokens', { app: 'select, insert, update', jobs: 'select' }),

    // Practice IP allowlist: empty means any address.
    `alter table practices add column ip_allowlist cidr[] not null default '{}'`,
  ],
};
