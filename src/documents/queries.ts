import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { DocumentContentType } from '../platform/db/tables/documents.ts';
import type { Sealed } from '../platform/crypto/field.ts';
import type {
  DocumentGeneration,
  GenerationKeys,
} from '../platform/document-vault/document-vault.ts';

const DOCUMENT_COLUMNS = [
  'documents.id',
  'documents.client_id',
  'documents.name_sealed',
  'documents.content_type',
  'documents.byte_size',
  'documents.uploaded_by',
  'documents.uploaded_at',
] as const;

export async function insertDocument(
  tx: Tx,
  values: {
    id: string;
    clientId: string;
    nameSealed: Sealed;
    contentType: DocumentContentType;
    byteSize: number;
    uploadedBy: string;
  },
): Promise<void> {
  await tx
    .insertInto('documents')
    .values({
      id: values.id,
      client_id: values.clientId,
      name_sealed: values.nameSealed,
      content_type: values.contentType,
      byte_size: values.byteSize,
      uploaded_by: values.uploadedBy,
    })
    .execute();
}

export async function insertGeneration(tx: Tx, g: DocumentGeneration): Promise<void> {
  await tx
    .insertInto('document_keys')
    .values({
      id: g.keyId,
      document_id: g.documentId,
      state: 'current',
      data_kek_version: g.dataKekVersion,
      data_key_wrapped: g.dataKeyWrapped,
      integrity_kek_version: g.integrityKekVersion,
      hmac_key_wrapped: g.hmacKeyWrapped,
      hmac: g.hmac,
      stored_bytes: g.storedBytes,
      segment_size: g.segmentSize,
      blob_key: g.blobKey,
    })
    .execute();
}

/** The client a live document belongs to (RLS: only this practice's). */
export async function selectDocumentClient(
  tx: Tx,
  documentId: string,
): Promise<string | undefined> {
  const row = await tx
    .selectFrom('documents')
    .select('client_id')
    .where('id', '=', documentId)
    .where('status', '=', 'available')
    .executeTakeFirst();
  return row?.client_id;
}

export async function selectDocument(tx: Tx, documentId: string) {
  return tx
    .selectFrom('documents')
    .innerJoin('users', 'users.id', 'documents.uploaded_by')
    .select([...DOCUMENT_COLUMNS, 'users.name as uploader_name'])
    .where('documents.id', '=', documentId)
    .where('documents.status', '=', 'available')
    .executeTakeFirst();
}

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof selectDocument>>>;

export async function selectClientDocuments(tx: Tx, clientId: string, limit: number) {
  return tx
    .selectFrom('documents')
    .innerJoin('users', 'users.id', 'documents.uploaded_by')
    .select([...DOCUMENT_COLUMNS, 'users.name as uploader_name'])
    .where('documents.client_id', '=', clientId)
    .where('documents.status', '=', 'available')
    .orderBy('documents.uploaded_at', 'desc')
    .orderBy('documents.id')
    .limit(limit)
    .execute();
}

const GENERATION_COLUMNS = [
  'document_keys.id',
  'document_keys.document_id',
  'document_keys.data_kek_version',
  'document_keys.data_key_wrapped',
  'document_keys.integrity_kek_version',
  'document_keys.hmac_key_wrapped',
  'document_keys.hmac',
  'document_keys.stored_bytes',
  'document_keys.segment_size',
  'document_keys.blob_key',
  'document_keys.created_at',
] as const;

type GenerationRow = {
  id: string;
  document_id: string;
  data_kek_version: number | null;
  data_key_wrapped: Buffer | null;
  integrity_kek_version: number | null;
  hmac_key_wrapped: Buffer | null;
  hmac: Buffer;
  stored_bytes: string;
  segment_size: number;
  blob_key: string;
};

/** A current generation row as the vault takes it (current rows always hold their keys). */
export function toGeneration(row: GenerationRow): DocumentGeneration {
  return {
    keyId: row.id,
    documentId: row.document_id,
    dataKekVersion: row.data_kek_version!,
    dataKeyWrapped: Buffer.from(row.data_key_wrapped!),
    integrityKekVersion: row.integrity_kek_version!,
    hmacKeyWrapped: Buffer.from(row.hmac_key_wrapped!),
    hmac: Buffer.from(row.hmac),
    storedBytes: Number(row.stored_bytes),
    segmentSize: row.segment_size,
    blobKey: row.blob_key,
  };
}

export async function selectCurrentGeneration(
  tx: Tx,
  documentId: string,
): Promise<DocumentGeneration | undefined> {
  const row = await tx
    .selectFrom('document_keys')
    .select(GENERATION_COLUMNS)
    .where('document_id', '=', documentId)
    .where('state', '=', 'current')
    .executeTakeFirst();
  return row ? toGeneration(row) : undefined;
}

/** Stores a current generation's re-wrapped keys (rotation, or the move to Vault). */
export async function setGenerationKeys(
  tx: Tx,
  keyId: string,
  keys: GenerationKeys,
): Promise<void> {
  await tx
    .updateTable('document_keys')
    .set({
      data_kek_version: keys.dataKekVersion,
      data_key_wrapped: keys.dataKeyWrapped,
      integrity_kek_version: keys.integrityKekVersion,
      hmac_key_wrapped: keys.hmacKeyWrapped,
    })
    .where('id', '=', keyId)
    .where('state', '=', 'current')
    .execute();
}

/**
 * Crypto-shredding: the wrapped keys of every generation of the document are destroyed at once.
 * Without them no copy of its blobs — replicas, blob-store backups — can be decrypted. Returns
 * the blobs to remove.
 */
export async function shredGenerations(tx: Tx, documentId: string): Promise<string[]> {
  const rows = await tx
    .updateTable('document_keys')
    .set({
      state: 'retired',
      retired_at: sql<Date>`coalesce(retired_at, now())`,
      data_key_wrapped: null,
      hmac_key_wrapped: null,
    })
    .where('document_id', '=', documentId)
    .returning('blob_key')
    .execute();
  return rows.map((r) => r.blob_key);
}

export async function markDeleted(tx: Tx, documentId: string, userId: string): Promise<void> {
  await tx
    .updateTable('documents')
    .set({ status: 'deleted', deleted_at: new Date(), deleted_by: userId, name_sealed: null })
    .where('id', '=', documentId)
    .execute();
}

/** Once its blob is gone, a retired generation's row has nothing left to say. */
export async function deleteRetiredGeneration(tx: Tx, blobKey: string): Promise<void> {
  await tx
    .deleteFrom('document_keys')
    .where('blob_key', '=', blobKey)
    .where('state', '=', 'retired')
    .execute();
}

export { GENERATION_COLUMNS };
