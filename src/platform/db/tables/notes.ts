/**
 * Kysely's view of the notes feature's tables, merged into `DB` in ../schema.ts. Each table
 * here is created by that feature's migration; keep the two in step.
 */
import type { ColumnType } from 'kysely';
import type { ScopedPracticeId, Sealed } from '../schema.ts';

export type NoteTemplateId =
  'soap' | 'dap' | 'birp' | 'intake' | 'treatment_plan' | 'discharge' | 'contact';
export type NoteStatus = 'draft' | 'pending_cosign' | 'signed';
export type NoteHistoryKind = 'edit' | 'sign' | 'unlock' | 'cosign' | 'addendum';

/** Written by the database on insert, or by nobody. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Immutable<T> = ColumnType<T, T, never>;

export interface NotesTable {
  id: Immutable<string>;
  practice_id: ScopedPracticeId;
  client_id: Immutable<string>;
  author_id: Immutable<string>;
  template: Immutable<NoteTemplateId>;
  status: Defaulted<NoteStatus>;
  date_of_service: ColumnType<string, string, string>;
  appointment_id: string | null;
  fields_sealed: Sealed;
  version: Defaulted<number>;
  draft_opened_at: Defaulted<Date | null>;
  history_seq: Defaulted<number>;
  signed_at: Defaulted<Date | null>;
  signed_by: Defaulted<string | null>;
  signer_credentials: Defaulted<string | null>;
  content_sha256: Defaulted<string | null>;
  cosign_required: Defaulted<boolean>;
  cosigned_at: Defaulted<Date | null>;
  cosigned_by: Defaulted<string | null>;
  cosigner_credentials: Defaulted<string | null>;
  created_at: ColumnType<Date, never, never>;
  updated_at: Defaulted<Date>;
}

/** Append-only (a trigger refuses UPDATE and DELETE): nothing here is ever updated. */
export interface NoteVersionsTable {
  id: Immutable<string>;
  practice_id: ScopedPracticeId;
  note_id: Immutable<string>;
  n: Immutable<number>;
  kind: Immutable<NoteHistoryKind>;
  actor_id: Immutable<string>;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  started_at: ColumnType<Date | null, Date | null | undefined, never>;
  version: Immutable<number>;
  date_of_service: ColumnType<string | null, string | null | undefined, never>;
  fields_sealed: ColumnType<Sealed | null, Sealed | null | undefined, never>;
  reason_sealed: ColumnType<Sealed | null, Sealed | null | undefined, never>;
  credentials: ColumnType<string | null, string | null | undefined, never>;
  content_sha256: ColumnType<string | null, string | null | undefined, never>;
  addendum_id: ColumnType<string | null, string | null | undefined, never>;
}

/** Write-once: signed by their author on creation. */
export interface NoteAddendaTable {
  id: Immutable<string>;
  practice_id: ScopedPracticeId;
  note_id: Immutable<string>;
  author_id: Immutable<string>;
  text_sealed: Immutable<Sealed>;
  author_credentials: ColumnType<string | null, string | null, never>;
  content_sha256: Immutable<string>;
  signed_at: ColumnType<Date, never, never>;
}

export interface NoteTables {
  notes: NotesTable;
  note_versions: NoteVersionsTable;
  note_addenda: NoteAddendaTable;
}
