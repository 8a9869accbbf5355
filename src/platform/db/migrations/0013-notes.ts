import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { sealedColumnDdl, tenantTableDdl } from '../tenant-ddl.ts';

const TEMPLATES = `'soap', 'dap', 'birp', 'intake', 'treatment_plan', 'discharge', 'contact'`;
const SHA256 = `~ '^[0-9a-f]{64}$'`;
/** Credentials as shown in a signature, e.g. "LCSW". */
const credentials = (column: string) => `${column} text check (length(${column}) between 1 and 40)`;

/** Refuses UPDATE, DELETE and TRUNCATE for every role, the owner included. */
const writeOnce = (table: string, why: string) => [
  `create trigger ${table}_write_once before update or delete on ${table}
     for each row execute function hearth_write_once('${why}')`,
  `create trigger ${table}_no_truncate before truncate on ${table}
     for each statement execute function hearth_write_once('${why}')`,
];

/**
 * The lock, in the database: whatever connects, a signed note's content cannot change, and
 * its status moves only together with the matching history entry (so an unlock without its
 * recorded, sealed reason is refused too). Identity columns never change; a signed note is
 * never deleted.
 */
const NOTE_GUARD = `create function hearth_note_guard() returns trigger language plpgsql as $$
  declare
    expected text;
    entry note_versions%rowtype;
  begin
    if tg_op = 'DELETE' then
      if old.status <> 'draft' then
        raise exception 'note % is signed and locked: it cannot be deleted', old.id
          using errcode = 'insufficient_privilege';
      end if;
      return old;
    end if;
    if (new.id, new.practice_id, new.client_id, new.author_id, new.template, new.created_at)
       is distinct from (old.id, old.practice_id, old.client_id, old.author_id, old.template, old.created_at) then
      raise exception 'the client, author and template of note % never change', old.id
        using errcode = 'insufficient_privilege';
    end if;
    if old.status <> 'draft'
       and (new.date_of_service, new.appointment_id, new.version, new.draft_opened_at)
           is distinct from (old.date_of_service, old.appointment_id, old.version, old.draft_opened_at) then
      raise exception 'note % is signed and locked: unlock it with a reason to change it', old.id
        using errcode = 'insufficient_privilege';
    end if;
    -- Re-keying (field-rekey.ts) may seal the same text again under the practice's active key.
    -- Only that: the key must change to the active one, and every read checks the text
    -- against the signature's hash, so a ciphertext swapped in this way is caught.
    if old.status <> 'draft' and new.fields_sealed is distinct from old.fields_sealed
       and not (current_setting('hearth.reencrypting', true) = 'on'
                and split_part(new.fields_sealed, '.', 2) <> split_part(old.fields_sealed, '.', 2)
                and exists (select 1 from practice_keys k
                             where k.id::text = split_part(new.fields_sealed, '.', 2)
                               and k.practice_id = old.practice_id and k.retired_at is null)) then
      raise exception 'note % is signed and locked: unlock it with a reason to change it', old.id
        using errcode = 'insufficient_privilege';
    end if;
    expected := case
      when new.status = old.status and old.status = 'draft' then 'edit'
      when new.status = old.status then 'addendum'
      when old.status = 'draft' and new.status in ('signed', 'pending_cosign') then 'sign'
      when old.status = 'pending_cosign' and new.status = 'signed' then 'cosign'
      when new.status = 'draft' then 'unlock'
    end;
    if expected is null then
      raise exception 'note % cannot go from % to %', old.id, old.status, new.status
        using errcode = 'insufficient_privilege';
    end if;
    if new.status = old.status and old.status <> 'draft'
       and (new.signed_at, new.signed_by, new.signer_credentials, new.content_sha256,
            new.cosign_required, new.cosigned_at, new.cosigned_by, new.cosigner_credentials)
           is distinct from (old.signed_at, old.signed_by, old.signer_credentials, old.content_sha256,
            old.cosign_required, old.cosigned_at, old.cosigned_by, old.cosigner_credentials) then
      raise exception 'the signatures of note % never change', old.id
        using errcode = 'insufficient_privilege';
    end if;
    if new.status = old.status and new.history_seq = old.history_seq then
      return new;
    end if;
    if new.history_seq <> old.history_seq + 1 then
      raise exception 'note % can change status only with one new % entry in its history', old.id, expected
        using errcode = 'insufficient_privilege';
    end if;
    select * into entry from note_versions where note_id = new.id and n = new.history_seq;
    if entry.kind is distinct from expected then
      raise exception 'note % needs a % entry in its history for this change', old.id, expected
        using errcode = 'insufficient_privilege';
    end if;
    -- A signature covers the content as it stands, and names the hash the entry recorded.
    if expected = 'sign' and ((new.fields_sealed, new.date_of_service) is distinct from (old.fields_sealed, old.date_of_service)
        or new.content_sha256 is distinct from entry.content_sha256 or new.signed_by is distinct from entry.actor_id) then
      raise exception 'note % must be signed as it stands, with the signature its history records', old.id
        using errcode = 'insufficient_privilege';
    end if;
    if expected = 'cosign' and ((new.signed_at, new.signed_by, new.content_sha256) is distinct from (old.signed_at, old.signed_by, old.content_sha256)
        or new.cosigned_by is distinct from entry.actor_id or entry.content_sha256 is distinct from old.content_sha256) then
      raise exception 'the co-signature of note % must cover its signed content', old.id
        using errcode = 'insufficient_privilege';
    end if;
    return new;
  end $$`;

export const migration: Migration = {
  version: 13,
  name: 'notes',
  statements: [
    // Staff fields the notes need: credentials shown in signatures, and an associate's
    // supervisor (who co-signs and may read their notes). The composite key keeps a supervisor
    // inside the supervisee's practice even for writers that bypass row-level security.
    `alter table users add column ${credentials('credentials')}`,
    `alter table users add constraint users_practice_member unique (practice_id, id)`,
    `alter table users add column supervisor_id uuid`,
    `alter table users add constraint users_supervisor_in_practice
       foreign key (practice_id, supervisor_id) references users (practice_id, id)`,
    `alter table users add constraint users_not_own_supervisor check (supervisor_id <> id)`,
    `create index users_by_supervisor on users (practice_id, supervisor_id)
       where supervisor_id is not null`,

    `create function hearth_write_once() returns trigger language plpgsql as $$
     begin
       raise exception '% on % is not allowed: %', tg_op, tg_table_name, tg_argv[0]
         using errcode = 'insufficient_privilege';
     end $$`,

    // One row per note: plaintext metadata (enough to list and bill), the template's fields
    // sealed as one JSON value, and the current signature. Signed notes are locked by the
    // trigger below.
    `create table notes (
       id uuid primary key,
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       client_id uuid not null references clients (id),
       author_id uuid not null references users (id),
       template text not null check (template in (${TEMPLATES})),
       status text not null default 'draft' check (status in ('draft', 'pending_cosign', 'signed')),
       date_of_service date not null check (date_of_service > '1900-01-01'),
       appointment_id uuid references appointments (id),
       fields_sealed text not null,
       -- Every save adds one (expectedVersion); the open editing session began at
       -- draft_opened_at, null once its content is kept in note_versions.
       version integer not null default 1 check (version >= 1),
       draft_opened_at timestamptz default now(),
       -- How many entries the note's history has (note_versions.n of the latest).
       history_seq integer not null default 0 check (history_seq >= 0),
       signed_at timestamptz,
       signed_by uuid references users (id),
       ${credentials('signer_credentials')},
       content_sha256 text check (content_sha256 ${SHA256}),
       cosign_required boolean not null default false,
       cosigned_at timestamptz,
       cosigned_by uuid references users (id),
       ${credentials('cosigner_credentials')},
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       check (case when status = 'draft'
         then num_nonnulls(signed_at, signed_by, signer_credentials, content_sha256,
                           cosigned_at, cosigned_by, cosigner_credentials) = 0 and not cosign_required
         else num_nulls(signed_at, signed_by, content_sha256) = 0 and draft_opened_at is null end),
       check ((cosigned_at is null) = (cosigned_by is null)),
       check (status <> 'pending_cosign' or (cosign_required and cosigned_at is null)),
       check (status <> 'signed' or cosign_required = (cosigned_at is not null))
     )`,
    `create index notes_by_client on notes (practice_id, client_id, date_of_service desc, id desc)`,
    `create index notes_by_author on notes (practice_id, author_id, status, date_of_service desc, id desc)`,
    `create index notes_pending_cosign on notes (practice_id, author_id) where status = 'pending_cosign'`,
    ...tenantTableDdl('notes', { app: 'select, insert, update', jobs: 'select' }),
    // Not immutable: drafts change, and re-keying re-seals signed notes' text (see the guard).
    ...sealedColumnDdl('notes', 'fields_sealed'),

    // Addenda to signed notes: written once, signed by their author on creation.
    `create table note_addenda (
       id uuid primary key,
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       note_id uuid not null references notes (id),
       author_id uuid not null references users (id),
       text_sealed text not null,
       ${credentials('author_credentials')},
       content_sha256 text not null check (content_sha256 ${SHA256}),
       signed_at timestamptz not null default now()
     )`,
    `create index note_addenda_by_note on note_addenda (practice_id, note_id, signed_at)`,
    ...tenantTableDdl('note_addenda', { app: 'select, insert', jobs: 'select' }),
    ...sealedColumnDdl('note_addenda', 'text_sealed', { immutable: true }),
    ...writeOnce('note_addenda', 'addenda are signed on creation and never change'),

    // A note's history, append-only: previous content (edit), signatures (sign, cosign),
    // unlocks with their sealed reason, addenda. n counts 1, 2, 3… per note.
    `create table note_versions (
       id uuid primary key,
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       note_id uuid not null references notes (id),
       n integer not null check (n >= 1),
       kind text not null check (kind in ('edit', 'sign', 'unlock', 'cosign', 'addendum')),
       actor_id uuid not null references users (id),
       occurred_at timestamptz not null default now(),
       started_at timestamptz,
       version integer not null,
       date_of_service date,
       fields_sealed text,
       reason_sealed text,
       ${credentials('credentials')},
       content_sha256 text check (content_sha256 ${SHA256}),
       addendum_id uuid references note_addenda (id),
       unique (note_id, n),
       check ((fields_sealed is not null) = (kind in ('edit', 'sign'))),
       check ((reason_sealed is not null) = (kind = 'unlock')),
       check ((content_sha256 is not null) = (kind in ('sign', 'cosign', 'addendum'))),
       check ((addendum_id is not null) = (kind = 'addendum'))
     )`,
    ...tenantTableDdl('note_versions', { app: 'select, insert', jobs: 'select' }),
    ...sealedColumnDdl('note_versions', 'fields_sealed', { immutable: true }),
    ...sealedColumnDdl('note_versions', 'reason_sealed', { immutable: true }),
    ...writeOnce('note_versions', 'the history of a note is append-only'),

    NOTE_GUARD,
    `create trigger notes_guard before update or delete on notes
       for each row execute function hearth_note_guard()`,
    `create trigger notes_no_truncate before truncate on notes
       for each statement execute function hearth_write_once('clinical notes are never truncated')`,
  ],
};
