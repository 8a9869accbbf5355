import './request-context.ts';
import type { HearthApp } from './types.ts';

/**
 * One line per request, built from an allow-list: method, the route *pattern* (never the raw
 * URL, whose path and query can hold names), status, duration and the actor's ids.
 */
export function registerRequestLog(app: HearthApp): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.actor?.userId,
        practiceId: request.actor?.practiceId,
      },
      'request',
    );
  });
}
