import { APP_ROLE, CROSS_PRACTICE_SQL, CURRENT_PRACTICE_SQL, JOBS_ROLE } from '../roles.ts';
import type { Migration } from '../migration.ts';

// Checked first because CREATE ROLE demands CREATEROLE even when the role exists; the
// exception covers two databases on one server migrating at the same moment.
const createRole = (role: string) => `
  do $$ begin
    if not exists (select 1 from pg_roles where rolname = '${role}') then
      create role ${role} nologin;
    end if;
  exception when duplicate_object or unique_violation then null;
  end $$`;

// Roles are cluster-wide; another database on the same server may have made them already.
// The migrating user must be a member to SET ROLE to them.
const grantRoleToMigrator = (role: string) => `
  do $$ begin
    execute format('grant ${role} to %I', current_user);
  exception when duplicate_object or unique_violation then null;
  end $$`;

export const migration: Migration = {
  version: 1,
  name: 'roles-and-practices',
  statements: [
    createRole(APP_ROLE),
    createRole(JOBS_ROLE),
    grantRoleToMigrator(APP_ROLE),
    grantRoleToMigrator(JOBS_ROLE),
    `grant usage on schema public to ${APP_ROLE}, ${JOBS_ROLE}`,
    `create table practices (
       id uuid primary key,
       name text not null check (length(name) between 1 and 200),
       status text not null default 'active' check (status in ('active', 'suspended')),
       is_demo boolean not null default false,
       created_at timestamptz not null default now()
     )`,
    // The practices table is its own tenant key: a practice sees only its own row.
    `alter table practices enable row level security`,
    `alter table practices force row level security`,
    `create policy tenant_isolation on practices to ${APP_ROLE}
       using (id = ${CURRENT_PRACTICE_SQL}) with check (id = ${CURRENT_PRACTICE_SQL})`,
    `create policy cross_practice_jobs on practices to ${JOBS_ROLE}
       using (${CROSS_PRACTICE_SQL}) with check (${CROSS_PRACTICE_SQL})`,
    `grant select, insert, update on practices to ${APP_ROLE}, ${JOBS_ROLE}`,
  ],
};
