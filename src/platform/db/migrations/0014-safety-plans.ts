import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { sealedColumnDdl, tenantTableDdl } from '../tenant-ddl.ts';

const WHY = 'safety plans are write-once: create a new plan that supersedes this one';

export const migration: Migration = {
  version: 14,
  name: 'safety-plans',
  statements: [
    // Stanley–Brown crisis safety plans, written once (DESIGN.md invariant 6). A new plan may
    // supersede an older one of the same client; the older row is never touched.
    `create table safety_plans (
       id uuid primary key,
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       client_id uuid not null references clients (id),
       author_id uuid not null references users (id),
       contents_sealed text not null,
       professionals_prefilled boolean not null,
       supersedes_id uuid,
       created_at timestamptz not null default now(),
       -- The plans of a client form one chain: one first plan, and each plan superseded at
       -- most once, by a plan of the same client. So exactly one plan is current.
       unique (practice_id, client_id, id),
       foreign key (practice_id, client_id, supersedes_id)
         references safety_plans (practice_id, client_id, id),
       check (supersedes_id <> id)
     )`,
    `create unique index safety_plans_superseded_once on safety_plans (supersedes_id)`,
    `create unique index safety_plans_one_first on safety_plans (practice_id, client_id)
       where supersedes_id is null`,
    `create index safety_plans_by_client on safety_plans (practice_id, client_id, created_at desc)`,
    ...tenantTableDdl('safety_plans', { app: 'select, insert', jobs: 'select' }),
    ...sealedColumnDdl('safety_plans', 'contents_sealed', { immutable: true }),
    // For every role, the owner included: grants alone would not bind the owner or a superuser.
    `create trigger safety_plans_write_once before update or delete on safety_plans
       for each row execute function hearth_write_once('${WHY}')`,
    `create trigger safety_plans_no_truncate before truncate on safety_plans
       for each statement execute function hearth_write_once('${WHY}')`,
  ],
};
