import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { actorOf, auditContextOf } from '../auth/index.ts';
import { DeliveryLogPage, DeliveryLogQuery } from './delivery-log-schemas.ts';
import { listDeliveries } from './delivery-log.ts';

export function deliveryLogRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/delivery-log',
      {
        config: { permission: 'manage:practice:any' },
        schema: {
          tags: ['messaging'],
          summary: "The practice's emails and texts and what became of them, newest first.",
          description:
            "Admins only. Recipients masked, never a message body. Filters: kind, channel, status, from/to (ISO 8601 creation time, from inclusive, to exclusive). Pages with `cursor` = the previous page's `nextCursor`. `summary` counts the last 24 hours.",
          querystring: DeliveryLogQuery,
          response: responses({ 200: DeliveryLogPage }),
        },
      },
      async (request) =>
        listDeliveries(db, actorOf(request), auditContextOf(request), request.query),
    );
  };
}
