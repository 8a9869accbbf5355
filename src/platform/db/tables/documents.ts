import type { ColumnType, Generated } from 'kysely';
import type { ScopedPracticeId, Sealed } from '../schema.ts';

/** Content types an upload may have (sniffed from its bytes). */
export type DocumentContentType =
  | 'application/pdf'
  | 'image/png'
  | 'image/jpeg'
  | 'image/heic'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'text/plain';

/** int8 columns come back as strings on both backends (see db/open.ts). */
type BigIntColumn = ColumnType<string, string | number, string | number>;

export interface DocumentsTable {
  id: string;
  practice_id: ScopedPracticeId;
  client_id: string;
  name_sealed: Sealed | null;
  content_type: DocumentContentType;
  byte_size: BigIntColumn;
  status: Generated<'available' | 'deleted'>;
  uploaded_by: string;
  uploaded_at: ColumnType<Date, never, never>;
  deleted_at: Date | null;
  deleted_by: string | null;
}

export interface DocumentKeysTable {
  id: string;
  practice_id: ScopedPracticeId;
  document_id: string;
  state: 'current' | 'retired';
  data_kek_version: number | null;
  data_key_wrapped: Buffer | null;
  integrity_kek_version: number | null;
  hmac_key_wrapped: Buffer | null;
  hmac: Buffer;
  stored_bytes: BigIntColumn;
  segment_size: number;
  blob_key: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  retired_at: Date | null;
}

export interface KeyRotationsTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  run_id: string;
  reason: 'schedule' | 'command';
  data_kek_version: number;
  integrity_kek_version: number;
  started_at: ColumnType<Date, never, never>;
  finished_at: Date | null;
  documents_done: Generated<number>;
  bytes_done: ColumnType<string, never, string | number>;
  fields_done: Generated<number>;
  keys_rewrapped: Generated<number>;
}

/**
 * Kysely's view of the documents feature's tables, merged into `DB` in ../schema.ts. Each table
 * here is created by migration 0015; keep the two in step.
 */
export interface DocumentTables {
  documents: DocumentsTable;
  document_keys: DocumentKeysTable;
  key_rotations: KeyRotationsTable;
}
