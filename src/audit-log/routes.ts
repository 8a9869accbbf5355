import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, actorOf } from '../auth/index.ts';
import { AuditPage, AuditQuery } from './schemas.ts';
import { exportAuditCsv, listAuditEvents } from './service.ts';

export function auditRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/audit-events',
      {
        config: { permission: 'read:audit:any' },
        schema: {
          tags: ['audit'],
          summary: "The practice's audit trail, newest first; `format=csv` downloads it.",
          description:
            "Admins only. Filters: userId, clientId, action, outcome, from/to (ISO 8601, from inclusive, to exclusive). Pages with `cursor` = the previous page's `nextCursor`.",
          querystring: AuditQuery,
          response: responses({ 200: AuditPage }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const context = auditContextOf(request);
        if (request.query.format === 'csv') {
          const stream = await exportAuditCsv(db, actor.practiceId, context, request.query);
          const day = new Date().toISOString().slice(0, 10);
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="hearth-audit-${day}.csv"`)
            .send(stream);
        }
        return listAuditEvents(db, actor, context, request.query);
      },
    );
  };
}
