import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { sealedColumnDdl, tenantTableDdl } from '../tenant-ddl.ts';

/** Content types an upload may have, by what its bytes are (sniffed), never by what it claims. */
const TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
]
  .map((t) => `'${t}'`)
  .join(', ');

export const migration: Migration = {
  version: 15,
  name: 'documents',
  statements: [
    // A client's document. Its bytes are in the blob store, encrypted under keys of its own
    // (document_keys); here only what the list needs, with the file name sealed.
    `create table documents (
       id uuid primary key,
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       client_id uuid not null references clients (id),
       name_sealed text,
       content_type text not null check (content_type in (${TYPES})),
       byte_size bigint not null check (byte_size >= 0),
       status text not null default 'available' check (status in ('available', 'deleted')),
       uploaded_by uuid not null references users (id),
       uploaded_at timestamptz not null default now(),
       deleted_at timestamptz,
       deleted_by uuid references users (id),
       check ((status = 'deleted') = (deleted_at is not null)),
       -- Deleting shreds the name with the keys.
       check (status = 'available' or name_sealed is null)
     )`,
    `create index documents_by_client on documents (practice_id, client_id, uploaded_at desc)
       where status = 'available'`,
    ...tenantTableDdl('documents', { app: 'select, insert, update', jobs: 'select, update' }),
    ...sealedColumnDdl('documents', 'name_sealed'),

    // One generation of a document's keys: a data key and an HMAC key, each stored only wrapped
    // by the key provider (data and integrity KEKs), with the HMAC of the blob they produced.
    // Exactly one generation is current; re-encryption adds a new one and retires the old, whose
    // wrapped keys are destroyed at once (crypto-shredding) and whose row lives only until its
    // blob is deleted.
    `create table document_keys (
       id uuid primary key,
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       document_id uuid not null references documents (id),
       state text not null check (state in ('current', 'retired')),
       data_kek_version integer check (data_kek_version > 0),
       data_key_wrapped bytea,
       integrity_kek_version integer check (integrity_kek_version > 0),
       hmac_key_wrapped bytea,
       hmac bytea not null check (length(hmac) = 32),
       stored_bytes bigint not null check (stored_bytes > 0),
       segment_size integer not null check (segment_size > 0),
       blob_key text not null unique,
       created_at timestamptz not null default now(),
       retired_at timestamptz,
       -- Current keys are whole; retired keys are destroyed.
       check (
         (state = 'current' and retired_at is null and data_key_wrapped is not null
            and hmac_key_wrapped is not null and data_kek_version is not null
            and integrity_kek_version is not null)
         or (state = 'retired' and retired_at is not null and data_key_wrapped is null
            and hmac_key_wrapped is null)
       )
     )`,
    `create unique index document_keys_one_current on document_keys (document_id)
       where state = 'current'`,
    `create index document_keys_retired on document_keys (retired_at) where state = 'retired'`,
    `create index document_keys_by_kek on document_keys (practice_id, data_kek_version, integrity_kek_version)
       where state = 'current'`,
    ...tenantTableDdl('document_keys', {
      app: 'select, insert, update, delete',
      jobs: 'select, insert, update, delete',
    }),

    // Re-keying, practice by practice: how far a run got, so that a crash resumes there.
    `create table key_rotations (
       id uuid primary key default gen_random_uuid(),
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       run_id uuid not null,
       reason text not null check (reason in ('schedule', 'command')),
       data_kek_version integer not null,
       integrity_kek_version integer not null,
       started_at timestamptz not null default now(),
       finished_at timestamptz,
       documents_done integer not null default 0,
       bytes_done bigint not null default 0,
       fields_done integer not null default 0,
       keys_rewrapped integer not null default 0,
       unique (practice_id, run_id)
     )`,
    // The app role counts each document it moves to a new generation in the same transaction.
    ...tenantTableDdl('key_rotations', {
      app: 'select, update',
      jobs: 'select, insert, update',
    }),
    // Re-keying retires a practice's field key once nothing is sealed under it any more.
    `grant update, delete on practice_keys to hearth_jobs`,
  ],
};
