import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

export const migration: Migration = {
  version: 9,
  name: 'passkeys',
  statements: [
    `create table webauthn_credentials (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       user_id uuid not null references users (id),
       credential_id text not null unique,
       public_key bytea not null,
       counter bigint not null default 0,
       transports text[] not null default '{}',
       name text not null default 'Passkey' check (length(name) between 1 and 60),
       created_at timestamptz not null default now(),
       last_used_at timestamptz
     )`,
    `create index webauthn_credentials_by_user on webauthn_credentials (practice_id, user_id)`,
    ...tenantTableDdl('webauthn_credentials', {
      app: 'select, insert, update, delete',
      jobs: 'select',
    }),
    // The challenge a session is answering, single-use and short-lived.
    `alter table sessions add column webauthn_challenge text, add column webauthn_challenge_expires timestamptz`,
  ],
};
