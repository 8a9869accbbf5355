import type { FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/database.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { actorOf, auditContextOf } from './context.ts';
import { accessOf, routeAccess } from './authenticate.ts';
import { requirePermission, type Refusal } from './permission.ts';

/** A route under /api/v1/clients/:id acts on that client's records: its refusal names them. */
function refusalOf(request: FastifyRequest): Refusal {
  const route = request.routeOptions.url ?? null;
  const params = request.params as { id?: string } | undefined;
  const clientId = route?.startsWith('/api/v1/clients/:id') ? (params?.id ?? null) : null;
  const message = request.routeOptions.config.refusal;
  return { route, clientId, ...(message ? { message } : {}) };
}

/**
 * Every non-public route declares its permission in its options (`config.permission`), and this
 * is where it is enforced, once, before the handler runs. A route that declares none cannot be
 * registered, so a new route cannot forget it.
 */
export function registerPermissionCheck(app: HearthApp, db: Database): void {
  app.addHook('onRoute', (route) => {
    if (routeAccess(route.url, route.config) === 'public' || route.config?.permission) return;
    throw new Error(
      `${String(route.method)} ${route.url} declares no permission: add config.permission (or 'signed-in')`,
    );
  });
  app.addHook('preHandler', async (request) => {
    if (accessOf(request) === 'public') return;
    const need = request.routeOptions.config.permission;
    if (need === 'signed-in') return;
    // Unreachable (onRoute refuses such routes); fails closed should that ever change.
    if (!need) throw new Error(`${request.routeOptions.url ?? ''} declares no permission`);
    await requirePermission(
      db,
      actorOf(request),
      auditContextOf(request),
      need,
      refusalOf(request),
    );
  });
}
