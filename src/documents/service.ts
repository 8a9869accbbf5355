import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { FieldCipher, Sealed } from '../platform/crypto/field.ts';
import type { Actor } from '../platform/http/request-context.ts';
import type { DocumentVault } from '../platform/document-vault/document-vault.ts';
import { withClientAccess } from '../clients/index.ts';
import { INLINE_TYPES, sanitizeFileName, sniffContentType } from './content-type.ts';
import {
  insertDocument,
  insertGeneration,
  markDeleted,
  selectClientDocuments,
  selectCurrentGeneration,
  selectDocument,
  selectDocumentClient,
  shredGenerations,
  deleteRetiredGeneration,
  type DocumentRow,
} from './queries.ts';
import type { Document } from './schemas.ts';
import { removeBlobs } from './sweep.ts';
import { recordIntegrityFailure } from './integrity.ts';

// For the vault's jobs and commands (src/vault/, src/cli/), which work on documents in bulk.
export { scrubDocuments, type ScrubReport } from './scrub.ts';
export { reencryptPracticeDocuments } from './reencrypt.ts';

export interface DocumentDeps {
  db: Database;
  fields: FieldCipher;
  vault: DocumentVault;
}

const nameRef = (id: string) => ({ table: 'documents', column: 'name_sealed', rowId: id });

async function toDocument(
  fields: FieldCipher,
  tx: Parameters<Parameters<Database['withPractice']>[1]>[0],
  row: DocumentRow,
): Promise<Document> {
  return {
    id: row.id,
    clientId: row.client_id,
    name: await fields.open(tx, nameRef(row.id), row.name_sealed as Sealed),
    contentType: row.content_type,
    size: Number(row.byte_size),
    preview: INLINE_TYPES.has(row.content_type),
    uploadedAt: row.uploaded_at.toISOString(),
    uploadedBy: { id: row.uploaded_by, name: row.uploader_name },
  };
}

/** The client a document belongs to, or 404 (unknown, deleted, or another practice's). */
async function clientOfDocument(deps: DocumentDeps, actor: Actor, documentId: string) {
  const clientId = await deps.db.withPractice(actor.practiceId, (tx) =>
    selectDocumentClient(tx, documentId),
  );
  if (!clientId) throw AppError.notFound('There is no such document.');
  return clientId;
}

/**
 * Stores an upload: who may is checked before a byte is read; the bytes are sniffed (only the
 * allowlist passes), counted against the practice's limit, encrypted and written to a blob of
 * their own; only then is the document recorded, with its wrapped keys and its audit row, in
 * one transaction. Any failure before that commit leaves no document (and at most an orphan
 * blob, which the scrubber removes); a failure after the blob is written removes it at once.
 */
export async function uploadDocument(
  deps: DocumentDeps,
  actor: Actor,
  clientId: string,
  context: AuditContext,
  receive: (limit: number) => Promise<{ filename: string; stream: Readable }>,
): Promise<Document> {
  const limit = await withClientAccess(
    deps.db,
    actor,
    clientId,
    context,
    'document.upload',
    async (tx) => {
      const row = await tx
        .selectFrom('practices')
        .select('document_size_limit')
        .executeTakeFirstOrThrow();
      return Number(row.document_size_limit);
    },
  );
  const file = await receive(limit);
  const { contentType, stream } = await sniffContentType(file.stream);
  const documentId = crypto.randomUUID();
  const written = await deps.vault.write(actor.practiceId, documentId, stream);
  try {
    return await withClientAccess(
      deps.db,
      actor,
      clientId,
      context,
      'document.upload',
      async (tx, access) => {
        const name = sanitizeFileName(file.filename, contentType);
        await insertDocument(tx, {
          id: documentId,
          clientId,
          nameSealed: await deps.fields.seal(tx, nameRef(documentId), name),
          contentType,
          byteSize: written.plaintextBytes,
          uploadedBy: actor.userId,
        });
        await insertGeneration(tx, written);
        await audit(tx, context, {
          action: 'document.upload',
          subjectType: 'document',
          subjectId: documentId,
          clientId,
          detail: {
            bytes: written.plaintextBytes,
            type: contentType,
            ...(access.breakGlass ? { breakGlass: true } : {}),
          },
        });
        const row = await selectDocument(tx, documentId);
        return toDocument(deps.fields, tx, row!);
      },
    );
  } catch (err) {
    await removeBlobs(deps.vault, [written.blobKey]);
    throw err;
  }
}

export async function listDocuments(
  deps: DocumentDeps,
  actor: Actor,
  clientId: string,
  limit: number,
  context: AuditContext,
): Promise<{ items: Document[]; nextCursor: null }> {
  return withClientAccess(
    deps.db,
    actor,
    clientId,
    context,
    'document.list',
    async (tx, access) => {
      const rows = await selectClientDocuments(tx, clientId, limit);
      await audit(tx, context, {
        action: 'document.list',
        subjectType: 'client',
        subjectId: clientId,
        clientId,
        detail: { count: rows.length, ...(access.breakGlass ? { breakGlass: true } : {}) },
      });
      const items: Document[] = [];
      for (const row of rows) items.push(await toDocument(deps.fields, tx, row));
      return { items, nextCursor: null };
    },
  );
}

export async function readDocument(
  deps: DocumentDeps,
  actor: Actor,
  documentId: string,
  context: AuditContext,
): Promise<Document> {
  const clientId = await clientOfDocument(deps, actor, documentId);
  return withClientAccess(
    deps.db,
    actor,
    clientId,
    context,
    'document.read',
    async (tx, access) => {
      const row = await selectDocument(tx, documentId);
      if (!row) throw AppError.notFound('There is no such document.');
      await audit(tx, context, {
        action: 'document.read',
        subjectType: 'document',
        subjectId: documentId,
        clientId,
        detail: access.breakGlass ? { breakGlass: true } : {},
      });
      return toDocument(deps.fields, tx, row);
    },
  );
}

export interface DocumentContent {
  document: Document;
  stream: Readable;
}

/**
 * The download, audited before a byte leaves: the audit row commits with the key lookup, then
 * the blob streams through decryption. Each segment is released only after its tag verified;
 * the last only after the whole object's HMAC matched — so a tampered document is cut off
 * before it completes, and the failure is audited and raised as an alert.
 */
export async function openDocumentContent(
  deps: DocumentDeps,
  actor: Actor,
  documentId: string,
  context: AuditContext,
  log: FastifyBaseLogger,
): Promise<DocumentContent> {
  const clientId = await clientOfDocument(deps, actor, documentId);
  const { document, generation } = await withClientAccess(
    deps.db,
    actor,
    clientId,
    context,
    'document.download',
    async (tx, access) => {
      const row = await selectDocument(tx, documentId);
      const current = await selectCurrentGeneration(tx, documentId);
      if (!row || !current) throw AppError.notFound('There is no such document.');
      await audit(tx, context, {
        action: 'document.download',
        subjectType: 'document',
        subjectId: documentId,
        clientId,
        detail: access.breakGlass ? { breakGlass: true } : {},
      });
      return { document: await toDocument(deps.fields, tx, row), generation: current };
    },
  );
  const stream = await deps.vault.read(actor.practiceId, generation);
  stream.once('error', (err) =>
    recordIntegrityFailure(
      deps.db,
      log,
      { practiceId: actor.practiceId, documentId, clientId },
      err,
    ),
  );
  return { document, stream };
}

/**
 * Deletes a document by crypto-shredding: every generation's wrapped keys are destroyed in the
 * transaction that records the deletion (so every copy of its bytes, anywhere, is unreadable
 * from the commit on), its sealed name is dropped, and then its blobs are removed.
 */
export async function deleteDocument(
  deps: DocumentDeps,
  actor: Actor,
  documentId: string,
  context: AuditContext,
): Promise<void> {
  const clientId = await clientOfDocument(deps, actor, documentId);
  const blobs = await withClientAccess(
    deps.db,
    actor,
    clientId,
    context,
    'document.delete',
    async (tx, access) => {
      const keys = await shredGenerations(tx, documentId);
      await markDeleted(tx, documentId, actor.userId);
      await audit(tx, context, {
        action: 'document.delete',
        subjectType: 'document',
        subjectId: documentId,
        clientId,
        detail: { generations: keys.length, ...(access.breakGlass ? { breakGlass: true } : {}) },
      });
      return keys;
    },
  );
  const removed = await removeBlobs(deps.vault, blobs);
  await deps.db.withPractice(actor.practiceId, async (tx) => {
    for (const key of removed) await deleteRetiredGeneration(tx, key);
  });
}
