import { Type } from 'typebox';
import { actorOf, auditContextOf } from '../auth/index.ts';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { ChartResponse } from './schemas.ts';
import { openChart } from './service.ts';

export function chartRoutes(deps: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/clients/:id/chart',
      {
        config: { permission: ['read:client:any', 'read:client:own'] },
        schema: {
          tags: ['clients'],
          summary:
            "A client's chart at a glance: details, active diagnoses, next appointments, latest notes and the current safety plan — each only for roles that may see it.",
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: responses({ 200: ChartResponse }),
        },
      },
      async (request) =>
        openChart(deps.db, actorOf(request), request.params.id, auditContextOf(request)),
    );
  };
}
