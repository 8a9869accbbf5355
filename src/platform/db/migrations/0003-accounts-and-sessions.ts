import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

export const migration: Migration = {
  version: 3,
  name: 'accounts-and-sessions',
  statements: [
    // MFA is required by default: the HIPAA Security Rule update proposed in 2025 makes it so.
    `alter table practices
       add column mfa_required boolean not null default true,
       add column idle_timeout_minutes integer not null default 30
         check (idle_timeout_minutes between 5 and 60)`,

    `create table users (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       email text not null check (email = lower(email) and email ~ '^[^@\\s]+@[^@\\s]+$'),
       name text not null check (length(name) between 1 and 200),
       role text not null check (role in ('admin', 'supervisor', 'associate', 'biller', 'front_desk')),
       status text not null default 'active' check (status in ('active', 'suspended', 'removed')),
       password_hash text,
       password_changed_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // One account per email across all practices, so sign-in needs nothing but email and password.
    `create unique index users_email on users (email)`,
    `create index users_by_practice on users (practice_id, name)`,
    ...tenantTableDdl('users', { app: 'select, insert, update', jobs: 'select' }),

    // Sessions: only a SHA-256 of the token is stored, so a database leak yields no live session.
    `create table sessions (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       user_id uuid not null references users (id),
       token_hash bytea not null unique check (length(token_hash) = 32),
       mfa_pending boolean not null,
       created_at timestamptz not null default now(),
       last_seen_at timestamptz not null default now(),
       expires_at timestamptz not null,
       revoked_at timestamptz,
       ip text,
       user_agent text
     )`,
    `create index sessions_by_user on sessions (practice_id, user_id) where revoked_at is null`,
    ...tenantTableDdl('sessions', { app: 'select, insert, update', jobs: 'select, update' }),

    // The Business Associate Agreement as accepted at signup.
    `create table baa_acceptances (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       version text not null,
       text_sha256 text not null check (text_sha256 ~ '^[0-9a-f]{64}$'),
       signer_name text not null check (length(signer_name) between 1 and 200),
       signer_user_id uuid not null references users (id),
       accepted_at timestamptz not null default now(),
       ip text
     )`,
    ...tenantTableDdl('baa_acceptances', { app: 'select, insert', jobs: 'select' }),
  ],
};
