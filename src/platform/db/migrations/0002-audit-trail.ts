import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

const appendOnly = (table: string) => [
  `create trigger ${table}_append_only before update or delete on ${table}
     for each row execute function hearth_audit_append_only()`,
  `create trigger ${table}_no_truncate before truncate on ${table}
     for each statement execute function hearth_audit_append_only()`,
];

export const migration: Migration = {
  version: 2,
  name: 'audit-trail',
  statements: [
    `alter table practices add column privacy_officer_email text
       check (privacy_officer_email is null or privacy_officer_email ~ '^[^@\\s]+@[^@\\s]+$')`,

    // One row per access or change. Written in the same transaction as the work it records.
    `create table audit_events (
       id bigint generated always as identity primary key,
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       occurred_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
       actor_type text not null check (actor_type in ('user', 'system', 'anonymous')),
       actor_user_id uuid,
       actor_role text,
       actor_label text,
       action text not null check (action ~ '^[a-z_]+(\\.[a-z_]+)+$'),
       subject_type text,
       subject_id text,
       client_id uuid,
       outcome text not null check (outcome in ('success', 'denied', 'error')),
       ip text,
       user_agent text,
       request_id text,
       detail jsonb not null default '{}'::jsonb check (jsonb_typeof(detail) = 'object')
     )`,
    `create index audit_events_by_time on audit_events (practice_id, occurred_at desc, id desc)`,
    `create index audit_events_by_client on audit_events (practice_id, client_id, occurred_at desc) where client_id is not null`,
    `create index audit_events_by_user on audit_events (practice_id, actor_user_id, occurred_at desc)`,
    `create index audit_events_denied on audit_events (practice_id, occurred_at) where outcome = 'denied'`,

    // The hash chain, kept apart so that events are insert-only from their first moment: a
    // sealer appends one seal per event, in order, shortly after the event commits.
    `create table audit_seals (
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       seq bigint not null check (seq > 0),
       event_id bigint not null unique references audit_events (id),
       prev_hash bytea not null check (length(prev_hash) = 32),
       hash bytea not null check (length(hash) = 32),
       sealed_at timestamptz not null default clock_timestamp(),
       -- Two sealers can never both claim the same position: the chain cannot fork.
       primary key (practice_id, seq)
     )`,

    // Events awaiting their seal. Removed in the transaction that seals them.
    `create table audit_pending (
       event_id bigint primary key references audit_events (id),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id)
     )`,
    `create index audit_pending_by_practice on audit_pending (practice_id, event_id)`,

    `create function hearth_audit_append_only() returns trigger language plpgsql as $$
     begin
       raise exception 'audit records are append-only: % on % is not allowed', tg_op, tg_table_name
         using errcode = 'insufficient_privilege';
     end $$`,
    ...appendOnly('audit_events'),
    ...appendOnly('audit_seals'),

    ...tenantTableDdl('audit_events', { app: 'select, insert', jobs: 'select' }),
    ...tenantTableDdl('audit_seals', { app: 'select, insert', jobs: 'select' }),
    ...tenantTableDdl('audit_pending', { app: 'select, insert, delete', jobs: 'select' }),

    // Alerts for the practice's privacy officer. They carry kinds and ids, never PHI.
    `create table alerts (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       kind text not null check (kind ~ '^[a-z_]+$'),
       severity text not null check (severity in ('warning', 'critical')),
       message text not null,
       detail jsonb not null default '{}'::jsonb,
       created_at timestamptz not null default now(),
       acknowledged_at timestamptz,
       acknowledged_by uuid
     )`,
    `create index alerts_by_time on alerts (practice_id, created_at desc)`,
    ...tenantTableDdl('alerts', { app: 'select, insert, update', jobs: 'select, insert' }),

    // Messages waiting to be delivered (email, SMS). Until a mailer exists, admins read them here.
    `create table notification_outbox (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       channel text not null check (channel in ('email', 'sms')),
       recipient text,
       subject text not null,
       body text not null,
       created_at timestamptz not null default now(),
       sent_at timestamptz
     )`,
    `create index notification_outbox_by_time on notification_outbox (practice_id, created_at desc)`,
    ...tenantTableDdl('notification_outbox', {
      app: 'select, insert, update',
      jobs: 'select, insert, update',
    }),
  ],
};
