import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

export const migration: Migration = {
  version: 8,
  name: 'clients',
  statements: [
    `create extension if not exists unaccent`,
    `create extension if not exists pg_trgm`,
    `create extension if not exists btree_gist`,
    // unaccent() is only STABLE (its dictionary could change); naming the dictionary makes this
    // wrapper safe to declare IMMUTABLE, so it can feed an index.
    `create function hearth_fold(value text) returns text language sql immutable parallel safe
       as $$ select lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$`,

    `create table clients (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       first_name text not null check (length(first_name) between 1 and 100),
       last_name text not null check (length(last_name) between 1 and 100),
       preferred_name text check (length(preferred_name) <= 100),
       pronouns text check (length(pronouns) <= 40),
       date_of_birth date not null check (date_of_birth > '1900-01-01'),
       email text check (length(email) <= 254),
       phone text check (length(phone) <= 30),
       address jsonb not null default '{}'::jsonb,
       emergency_contact jsonb not null default '{}'::jsonb,
       status text not null default 'active' check (status in ('active', 'inactive', 'discharged')),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       -- ' first last preferred', folded: a word-prefix search is one LIKE on a trigram index.
       search_name text generated always as
         (' ' || hearth_fold(first_name) || ' ' || hearth_fold(last_name) || ' ' || hearth_fold(preferred_name)) stored
     )`,
    `create index clients_search on clients using gin (search_name gin_trgm_ops)`,
    `create index clients_by_name on clients (practice_id, last_name, first_name, id)`,
    ...tenantTableDdl('clients', { app: 'select, insert, update', jobs: 'select' }),

    // Which clinicians care for a client: a clinician sees only their own clients.
    `create table client_clinicians (
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       client_id uuid not null references clients (id),
       user_id uuid not null references users (id),
       primary key (practice_id, client_id, user_id)
     )`,
    `create index client_clinicians_by_user on client_clinicians (practice_id, user_id)`,
    ...tenantTableDdl('client_clinicians', { app: 'select, insert, delete', jobs: 'select' }),

    // Break-glass: time-boxed access to one client outside one's normal scope, with a reason.
    `alter table users add column emergency_access boolean not null default false`,
    `create table break_glass_grants (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       user_id uuid not null references users (id),
       client_id uuid not null references clients (id),
       reason text not null check (length(reason) between 10 and 500),
       created_at timestamptz not null default now(),
       expires_at timestamptz not null,
       reviewed_at timestamptz,
       reviewed_by uuid
     )`,
    `create index break_glass_open on break_glass_grants (practice_id, user_id, client_id, expires_at)`,
    ...tenantTableDdl('break_glass_grants', { app: 'select, insert, update', jobs: 'select' }),
  ],
};
