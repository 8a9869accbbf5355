import { APP_ROLE, CURRENT_PRACTICE_SQL, JOBS_ROLE } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { sealedColumnDdl, tenantTableDdl } from '../tenant-ddl.ts';

// The folded words of a code's long title. Searches must use this very expression to reach the
// index (see src/diagnoses/code-queries.ts).
const CODE_WORDS = `to_tsvector('simple'::regconfig, hearth_fold(long_description))`;

export const migration: Migration = {
  version: 11,
  name: 'diagnoses-and-insurance',
  statements: [
    // ICD-10-CM code sets, one per fiscal year (FY N runs from October 1 of N-1 to September 30
    // of N). Reference data published by CDC/CMS, the same for every practice: global tables,
    // written only by the owner connection (bundled load, hearth import-icd10).
    `create table icd10_code_sets (
       fiscal_year smallint primary key check (fiscal_year between 2016 and 2100),
       effective_from date not null,
       effective_to date not null check (effective_to >= effective_from),
       source text not null check (source in ('bundled', 'order_file')),
       source_sha256 text not null check (source_sha256 ~ '^[0-9a-f]{64}$'),
       code_count integer not null check (code_count > 0),
       billable_count integer not null check (billable_count between 0 and code_count),
       imported_at timestamptz not null default now()
     )`,
    // Codes without the dot (F411 = F41.1). The second character may be a letter (QA0…, I1A0).
    // Collation "C": the primary key's b-tree then serves code-prefix LIKE searches. No foreign
    // key to the set: one writer stores both in one transaction, and a per-row check would
    // slow every load (each test run's start among them) by a third.
    `create table icd10_codes (
       fiscal_year smallint not null,
       code text collate "C" not null check (code ~ '^[A-Z][0-9A-Z]{2,6}$'),
       billable boolean not null,
       short_description text not null check (length(short_description) between 1 and 100),
       long_description text not null check (length(long_description) between 1 and 400),
       primary key (fiscal_year, code)
     )`,
    // Word-prefix search over the long titles, case- and accent-insensitive.
    `create index icd10_codes_words on icd10_codes using gin (${CODE_WORDS})`,
    `grant select on icd10_code_sets, icd10_codes to ${APP_ROLE}, ${JOBS_ROLE}`,

    // A client's diagnoses. No free text: a code of one fiscal year's set, its rank among the
    // client's active diagnoses (1 = primary, as on a claim), and dates.
    `create table client_diagnoses (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       client_id uuid not null references clients (id),
       fiscal_year smallint not null,
       code text collate "C" not null,
       status text not null default 'active'
         check (status in ('active', 'resolved', 'entered_in_error')),
       -- A claim carries at most 12 diagnoses (CMS-1500 box 21, 837P HI); only active ones rank.
       rank smallint check (rank between 1 and 12),
       onset_date date,
       resolved_on date,
       added_by uuid not null references users (id),
       added_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       removed_by uuid references users (id),
       removed_at timestamptz,
       foreign key (fiscal_year, code) references icd10_codes (fiscal_year, code),
       check ((status = 'active') = (rank is not null)),
       check ((status = 'resolved') = (resolved_on is not null)),
       check ((status = 'entered_in_error') = (removed_at is not null)),
       check (resolved_on is null or onset_date is null or resolved_on >= onset_date)
     )`,
    // Ranks are unique among a client's active diagnoses. Deferred to commit, so that a
    // re-ranking can move several rows in one statement without tripping over itself.
    `alter table client_diagnoses add constraint client_diagnoses_rank_unique
       exclude using gist (practice_id with =, client_id with =, rank with =)
       where (status = 'active') deferrable initially deferred`,
    `create unique index client_diagnoses_one_active_code on client_diagnoses
       (practice_id, client_id, code) where status = 'active'`,
    `create index client_diagnoses_by_client on client_diagnoses (practice_id, client_id)`,
    // Entered-in-error rows are kept (status), not deleted: the app role may not delete.
    ...tenantTableDdl('client_diagnoses', { app: 'select, insert, update', jobs: 'select' }),

    // A client's insurance policies. The member id and the subscriber's name and birth date
    // identify a person to a payer: sealed by the application (FieldCipher).
    `create table client_insurance (
       id uuid primary key,
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       client_id uuid not null references clients (id),
       priority text not null check (priority in ('primary', 'secondary', 'tertiary')),
       payer_name text not null check (length(payer_name) between 1 and 120),
       payer_id text check (length(payer_id) between 1 and 80),
       plan_name text check (length(plan_name) between 1 and 120),
       member_id text not null,
       group_number text check (length(group_number) between 1 and 50),
       subscriber_relationship text not null default 'self'
         check (subscriber_relationship in ('self', 'spouse', 'child', 'other')),
       subscriber_name text,
       subscriber_date_of_birth text,
       effective_from date,
       effective_to date check (effective_to is null or effective_from is null or effective_to >= effective_from),
       status text not null default 'active' check (status in ('active', 'inactive')),
       created_by uuid not null references users (id),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       check ((subscriber_relationship = 'self') = (subscriber_name is null)),
       check ((subscriber_name is null) = (subscriber_date_of_birth is null))
     )`,
    `create unique index client_insurance_one_active_priority on client_insurance
       (practice_id, client_id, priority) where status = 'active'`,
    `create index client_insurance_by_client on client_insurance (practice_id, client_id)`,
    ...tenantTableDdl('client_insurance', {
      app: 'select, insert, update, delete',
      jobs: 'select',
    }),
    ...sealedColumnDdl('client_insurance', 'member_id'),
    ...sealedColumnDdl('client_insurance', 'subscriber_name'),
    ...sealedColumnDdl('client_insurance', 'subscriber_date_of_birth'),
  ],
};
