import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';

const Health = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });
const Readiness = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
    database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    schema: Type.Union([Type.Literal('current'), Type.Literal('behind')]),
  },
  { additionalProperties: false },
);

/** Liveness and readiness for load balancers and orchestrators; outside /api, no session. */
export function healthRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/healthz',
      { schema: { tags: ['health'], summary: 'The process is alive.', response: { 200: Health } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'The database is reachable and its schema is current.',
          response: responses({ 200: Readiness, 503: Readiness }),
        },
      },
      async (_request, reply) => {
        const { reachable, schemaCurrent } = await db.readiness();
        const ready = reachable && schemaCurrent;
        return reply.code(ready ? 200 : 503).send({
          status: ready ? 'ready' : 'not_ready',
          database: reachable ? 'ok' : 'unreachable',
          schema: schemaCurrent ? 'current' : 'behind',
        });
      },
    );
  };
}
