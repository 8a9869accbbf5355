import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import type { FastifyReply } from 'fastify';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { actorOf, auditContextOf } from '../auth/index.ts';
import { clientAccessReport } from './access-report.ts';
import { openBreakGlass } from './break-glass.ts';
import type { Client } from './schemas.ts';
import { ClientListQuery, ClientPatch, ClientSummary, NewClient } from './schemas.ts';
import { listClients } from './client-list.ts';
import { changeClient, createClient, readClient } from './service.ts';
import { ClientAnswer, clientViewOf } from './views.ts';

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

/** One client record, serialized through the caller's role's view (views.ts). */
function sendClient(reply: FastifyReply, role: string, client: Client, status = 200) {
  return (
    reply
      .code(status)
      .type('application/json; charset=utf-8')
      // Fastify types a schema as a plain record; a TypeBox schema is one.
      .send(reply.serializeInput(client, clientViewOf(role) as unknown as Record<string, unknown>))
  );
}

export function clientRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/clients',
      {
        config: {
          permission: ['read:client:any', 'read:client:own'],
          refusal: 'Your role does not include client records.',
        },
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
        config: {
          permission: ['write:client:any', 'write:client:own'],
          refusal: 'Your role cannot add clients.',
        },
        schema: {
          tags: ['clients'],
          summary: 'Add a client.',
          body: NewClient,
          response: responses({ 201: ClientAnswer }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const client = await createClient(db, actor, request.body, auditContextOf(request));
        return sendClient(reply, actor.role, client, 201);
      },
    );

    app.get(
      '/api/v1/clients/:id',
      {
        config: {
          permission: ['read:client:any', 'read:client:own'],
          refusal: 'Your role does not include client records.',
        },
        schema: {
          tags: ['clients'],
          summary:
            "Open a client's record (the fields your role receives: see docs/permissions.md).",
          params: IdParams,
          response: responses({ 200: ClientAnswer }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const client = await readClient(db, actor, request.params.id, auditContextOf(request));
        return sendClient(reply, actor.role, client);
      },
    );

    app.patch(
      '/api/v1/clients/:id',
      {
        config: {
          permission: ['write:client:any', 'write:client:own'],
          refusal: 'Your role cannot change client records.',
        },
        schema: {
          tags: ['clients'],
          summary: "Change a client's details, status or clinicians.",
          params: IdParams,
          body: ClientPatch,
          response: responses({ 200: ClientAnswer }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const client = await changeClient(
          db,
          actor,
          request.params.id,
          request.body,
          auditContextOf(request),
        );
        return sendClient(reply, actor.role, client);
      },
    );

    app.post(
      '/api/v1/clients/:id/break-glass',
      {
        // Gated by the user's own emergency-access grant, whatever their role (break-glass.ts).
        config: { permission: 'signed-in' },
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
        config: { permission: 'read:audit:any' },
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
        const actor = actorOf(request);
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
