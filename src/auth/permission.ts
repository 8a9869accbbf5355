import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission, type Permission } from './roles.ts';

/** One permission, or any one of several (a clinician's `own` or the front desk's `any`). */
export type PermissionNeed = Permission | readonly Permission[];

/**
 * What a route needs beyond its access level: a permission, any of several, or `signed-in` for
 * a route every signed-in user may call (/me, sign-out, their own factors).
 */
export type RoutePermission = PermissionNeed | 'signed-in';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Enforced for every non-public route by the preHandler in permission-check.ts. */
    permission?: RoutePermission;
    /** The refusal's wording, where a feature words it its own way. */
    refusal?: string;
  }
}

const GENERIC_REFUSAL =
  'Your role does not allow this. Ask your practice administrator if you need it.';

export function grants(role: string, need: PermissionNeed): boolean {
  return typeof need === 'string'
    ? hasPermission(role, need)
    : need.some((permission) => hasPermission(role, permission));
}

export interface Refusal {
  /** The route refused, for the audit row. */
  route?: string | null;
  /** The client whose records were asked for, so the client's access report shows it. */
  clientId?: string | null;
  message?: string;
}

/**
 * The one permission check that refuses: 403 `forbidden` unless the actor's role grants `need`.
 * The refusal is audited as `auth.access.denied` in a transaction of its own, so it is kept even
 * though the request fails. Every refusal for want of a permission comes through here — routes
 * through their declared `permission` (permission-check.ts), services for the rules that depend
 * on what is asked (whose hours, which fields).
 */
export async function requirePermission(
  db: Database,
  actor: Actor,
  context: AuditContext,
  need: PermissionNeed,
  refusal: Refusal = {},
): Promise<void> {
  if (grants(actor.role, need)) return;
  await db.withPractice(actor.practiceId, (tx) =>
    audit(tx, context, {
      action: 'auth.access.denied',
      outcome: 'denied',
      clientId: refusal.clientId ?? null,
      // Audit detail values are identifiers: several permissions are joined by '/' (any of).
      detail: {
        permission: typeof need === 'string' ? need : need.join('/'),
        route: refusal.route ?? null,
      },
    }),
  );
  throw new AppError('forbidden', { status: 403, message: refusal.message ?? GENERIC_REFUSAL });
}
