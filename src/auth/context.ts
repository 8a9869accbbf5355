import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { requirePermission, type PermissionNeed } from './permission.ts';

/** The signed-in actor of a member route (the access hook has already refused anonymous calls). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor)
    throw new AppError('unauthenticated', { status: 401, message: 'Please sign in.' });
  return request.actor;
}

/** Who, from where and in which request — for every audit row a request writes. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  const actor = request.actor;
  return {
    actor: actor ? { type: 'user', userId: actor.userId, role: actor.role } : { type: 'anonymous' },
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    requestId: request.id,
  };
}

/**
 * For a rule that depends on what is asked (whose hours, whose feed): the one permission check
 * (permission.ts), with the request's actor, audit context and route. What a route always
 * needs it declares in its options instead (`config.permission`).
 */
export async function requirePermissionFor(
  db: Database,
  request: FastifyRequest,
  need: PermissionNeed,
): Promise<Actor> {
  const actor = actorOf(request);
  await requirePermission(db, actor, auditContextOf(request), need, {
    route: request.routeOptions.url ?? null,
  });
  return actor;
}
