import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { clientAddress } from '../../platform/http/client-address.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { actorOf, auditContextOf, requirePermissionFor } from '../../auth/index.ts';
import { createFeed, feedOwner, listFeeds, readFeed, revokeFeed } from './calendar-feeds.ts';

const tags = ['scheduling'];
const Feed = Type.Object(
  {
    id: Type.String(),
    clinicianId: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    lastAccessedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export function feedRoutes({ db, publicUrl }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.post(
      '/api/v1/calendar-feeds',
      {
        // Yourself: read:schedule:any; another clinician: manage:practice:any as well.
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary:
            'A secret calendar-feed URL (iCal, times only) for a clinician: yourself, or (admins) any clinician. Shown once.',
          body: Type.Object(
            { clinicianId: Type.Optional(Type.String({ format: 'uuid' })) },
            { additionalProperties: false },
          ),
          response: responses({
            201: Type.Object(
              {
                id: Type.String(),
                clinicianId: Type.String(),
                url: Type.String(),
                createdAt: Type.String({ format: 'date-time' }),
              },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request, reply) => {
        const self = actorOf(request);
        const clinicianId = request.body.clinicianId ?? self.userId;
        const actor =
          clinicianId === self.userId
            ? self
            : await requirePermissionFor(db, request, 'manage:practice:any');
        const created = await createFeed(db, actor, {
          clinicianId,
          origin: publicUrl,
          context: auditContextOf(request),
        });
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/api/v1/calendar-feeds',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary: 'My live calendar feeds (admins: the practice’s).',
          response: responses({
            200: Type.Object(
              { items: Type.Array(Feed), nextCursor: Type.Null() },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request) => listFeeds(db, actorOf(request)),
    );

    app.delete(
      '/api/v1/calendar-feeds/:id',
      {
        // Every feed was made under read:schedule:any; another's feed needs manage:practice:any.
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary: 'Revoke a calendar feed: its URL stops working at once.',
          params: Type.Object(
            { id: Type.String({ format: 'uuid' }) },
            { additionalProperties: false },
          ),
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const self = actorOf(request);
        const owner = await feedOwner(db, self, request.params.id);
        const actor =
          owner === self.userId
            ? self
            : await requirePermissionFor(db, request, 'manage:practice:any');
        await revokeFeed(db, actor, request.params.id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/calendar-feeds/:file',
      {
        // Public: calendar apps fetch it without a session; the 256-bit secret in the URL is
        // the credential, and revoking the feed ends it.
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The feed itself (text/calendar): times and "Client session" only.',
          params: Type.Object(
            { file: Type.String({ pattern: '^[A-Za-z0-9_-]{64}\\.ics$' }) },
            { additionalProperties: false },
          ),
          response: responses({ 200: Type.String({ contentMediaType: 'text/calendar' }) }),
        },
      },
      async (request, reply) => {
        const body = await readFeed(db, {
          token: request.params.file.slice(0, -4),
          ip: clientAddress(request.ip),
          context: auditContextOf(request),
        });
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', 'inline; filename="hearth.ics"')
          .type('text/calendar; charset=utf-8')
          .send(body);
      },
    );
  };
}
