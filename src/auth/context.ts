import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission, type Permission } from './roles.ts';

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
 * Throws 403 unless the actor's role grants `permission`. The refusal is audited in a
 * transaction of its own, so it is kept even though the request fails.
 */
export async function requirePermission(
  db: Database,
  request: FastifyRequest,
  permission: Permission,
): Promise<Actor> {
  const actor = actorOf(request);
  if (hasPermission(actor.role, permission)) return actor;
  await db.withPractice(actor.practiceId, (tx) =>
    audit(tx, auditContextOf(request), {
      action: 'auth.access.denied',
      outcome: 'denied',
      detail: { permission, route: request.routeOptions.url ?? null },
    }),
  );
  throw new AppError('forbidden', {
    status: 403,
    message: 'Your role does not allow this. Ask your practice administrator if you need it.',
  });
}
