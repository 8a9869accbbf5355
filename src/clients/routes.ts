import { Type } from 'typebox';
import type { Database } from '../platform/db/database.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { actorOf, auditContextOf, requirePermission } from '../auth/context.ts';
import { clientAccessReport } from './access-report.ts';
import { openBreakGlass } from './break-glass.ts';
import { Client, ClientListQuery, ClientPatch, ClientSummary, NewClient } from './schemas.ts';
import { changeClient, createClient, listClients, readClient } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
const AccessEntry = Type.Object(
  {
    id: Type.String(),
    occurredAt: Type.String({ format: 'date-time' }),
    actor: Type.Object({
      type: Type.String(),
      userId: Nullable(Type.String()),
      name: Nullable(Type.String()),
      role: Nullable(Type.String()),
    }),
    action: Type.String(),
    outcome: Type.String(),
    ip: Nullable(Type.String()),
    breakGlass: Type.Boolean(),
  },
  { additionalProperties: false },
);

export function clientRoutes(db: Database) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/clients',
      {
        schema: {
          tags: ['clients'],
          summary:
            'Clients, by last name; `search` matches the start of any name, ignoring case and accents.',
          querystring: ClientListQuery,
          response: responses({
            200: Type.Object({
              items: Type.Array(ClientSummary),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          }),
        },
      },
      async (request) => listClients(db, actorOf(request), request.query, auditContextOf(request)),
    );

    app.post(
      '/api/v1/clients',
      {
        schema: {
          tags: ['clients'],
          summary: 'Add a client.',
          body: NewClient,
          response: responses({ 201: Client }),
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createClient(db, actorOf(request), request.body, auditContextOf(request))),
    );

    app.get(
      '/api/v1/clients/:id',
      {
        schema: {
          tags: ['clients'],
          summary: "Open a client's record.",
          params: IdParams,
          response: responses({ 200: Client }),
        },
      },
      async (request) =>
        readClient(db, actorOf(request), request.params.id, auditContextOf(request)),
    );

    app.patch(
      '/api/v1/clients/:id',
      {
        schema: {
          tags: ['clients'],
          summary: "Change a client's details, status or clinicians.",
          params: IdParams,
          body: ClientPatch,
          response: responses({ 200: Client }),
        },
      },
      async (request) =>
        changeClient(
          db,
          actorOf(request),
          request.params.id,
          request.body,
          auditContextOf(request),
        ),
    );

    app.post(
      '/api/v1/clients/:id/break-glass',
      {
        schema: {
          tags: ['clients'],
          summary:
            'Emergency access to a client outside your care, for one hour, with a reason (reviewed by the privacy officer).',
          params: IdParams,
          body: Type.Object(
            { reason: Type.String({ minLength: 10, maxLength: 500, pattern: '\\S' }) },
            { additionalProperties: false },
          ),
          response: responses({
            201: Type.Object(
              { expiresAt: Type.String({ format: 'date-time' }) },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await openBreakGlass(
              db,
              actorOf(request),
              request.params.id,
              request.body.reason,
              auditContextOf(request),
            ),
          ),
    );

    app.get(
      '/api/v1/clients/:id/access-report',
      {
        schema: {
          tags: ['clients'],
          summary:
            "Who accessed this client's record and when (accounting of disclosures). Admins only.",
          params: IdParams,
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })) },
            { additionalProperties: false },
          ),
          response: responses({
            200: Type.Object({ items: Type.Array(AccessEntry), nextCursor: Type.Null() }),
          }),
        },
      },
      async (request) => {
        const actor = await requirePermission(db, request, 'read:audit:any');
        return clientAccessReport(
          db,
          actor,
          request.params.id,
          request.query.limit ?? 500,
          auditContextOf(request),
        );
      },
    );
  };
}
