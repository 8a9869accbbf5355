import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { actorOf, auditContextOf } from '../auth/index.ts';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { INLINE_TYPES } from './content-type.ts';
import { contentDisposition } from './disposition.ts';
import { ContentQuery, Document, DocumentList, DocumentListQuery } from './schemas.ts';
import {
  deleteDocument,
  listDocuments,
  openDocumentContent,
  readDocument,
  uploadDocument,
} from './service.ts';
import { fileOf } from './upload.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const DOCUMENTS_REFUSAL = "Your role does not include clients' documents.";

// What a downloaded document may do if a browser renders it: nothing. No scripts, no
// requests, a unique origin — so a crafted file cannot act as Hearth.
const DOWNLOAD_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

export function documentRoutes(deps: FeatureDeps) {
  return async (app: HearthApp) => {
    // Encapsulated here: only the upload route accepts multipart bodies.
    await app.register(multipart, { throwFileSizeLimit: true });

    app.post(
      '/api/v1/clients/:id/documents',
      {
        config: { permission: 'write:document:own', refusal: DOCUMENTS_REFUSAL },
        schema: {
          tags: ['documents'],
          summary:
            'Upload a document for a client: multipart/form-data with the file in field `file`. PDF, PNG, JPEG, HEIC, DOCX or plain text, up to the practice limit.',
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: responses({ 201: Document }),
        },
      },
      async (request, reply) => {
        const document = await uploadDocument(
          deps,
          actorOf(request),
          request.params.id,
          auditContextOf(request),
          (limit) => fileOf(request, limit),
        );
        return reply.code(201).send(document);
      },
    );

    app.get(
      '/api/v1/clients/:id/documents',
      {
        config: { permission: 'read:document:own', refusal: DOCUMENTS_REFUSAL },
        schema: {
          tags: ['documents'],
          summary: "A client's documents, newest first.",
          params: IdParams,
          querystring: DocumentListQuery,
          response: responses({ 200: DocumentList }),
        },
      },
      async (request) =>
        listDocuments(
          deps,
          actorOf(request),
          request.params.id,
          request.query.limit ?? 200,
          auditContextOf(request),
        ),
    );

    app.get(
      '/api/v1/documents/:id',
      {
        config: { permission: 'read:document:own', refusal: DOCUMENTS_REFUSAL },
        schema: {
          tags: ['documents'],
          summary: "A document's details.",
          params: IdParams,
          response: responses({ 200: Document }),
        },
      },
      async (request) =>
        readDocument(deps, actorOf(request), request.params.id, auditContextOf(request)),
    );

    app.get(
      '/api/v1/documents/:id/content',
      {
        config: { permission: 'read:document:own', refusal: DOCUMENTS_REFUSAL },
        schema: {
          tags: ['documents'],
          summary:
            'The document itself, streamed and checked: a document whose integrity check fails is cut off before it completes.',
          params: IdParams,
          querystring: ContentQuery,
          response: responses({ 200: Type.Unknown() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { document, stream } = await openDocumentContent(
          deps,
          actor,
          request.params.id,
          auditContextOf(request),
          request.log,
        );
        const inline = INLINE_TYPES.has(document.contentType) && !request.query.download;
        return reply
          .type(
            document.contentType === 'text/plain'
              ? 'text/plain; charset=utf-8'
              : document.contentType,
          )
          .header('content-length', document.size)
          .header('content-disposition', contentDisposition(inline, document.name))
          .header('content-security-policy', DOWNLOAD_CSP)
          .header('x-content-type-options', 'nosniff')
          .send(stream);
      },
    );

    app.delete(
      '/api/v1/documents/:id',
      {
        config: { permission: 'write:document:own', refusal: DOCUMENTS_REFUSAL },
        schema: {
          tags: ['documents'],
          summary:
            'Delete a document. Its keys are destroyed at once, so no copy of it can be read again.',
          params: IdParams,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        await deleteDocument(deps, actorOf(request), request.params.id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
