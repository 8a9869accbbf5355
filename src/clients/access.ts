import { sql } from 'kysely';
import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit/record.ts';
import type { AuditAction } from '../platform/audit/actions.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission } from '../auth/roles.ts';

/** How the actor reaches this client: the whole practice, their own care, or break-glass. */
export interface ClientAccess {
  clientId: string;
  /** Opened through break-glass: flag it in the audit row (`detail: { breakGlass: true }`). */
  breakGlass: boolean;
}

type Verdict = ClientAccess | 'denied' | 'missing';

/** One query: does the client exist here, is it in the actor's care, is break-glass open. */
async function verdictFor(tx: Tx, actor: Actor, clientId: string): Promise<Verdict> {
  const row = await tx
    .selectFrom('clients')
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('client_clinicians')
            .select('client_clinicians.user_id')
            .whereRef('client_clinicians.client_id', '=', 'clients.id')
            .where('client_clinicians.user_id', '=', actor.userId),
        )
        .as('in_care'),
      eb
        .exists(
          eb
            .selectFrom('break_glass_grants')
            .select('break_glass_grants.id')
            .whereRef('break_glass_grants.client_id', '=', 'clients.id')
            .where('break_glass_grants.user_id', '=', actor.userId)
            .where('break_glass_grants.expires_at', '>', sql<Date>`now()`),
        )
        .as('break_glass'),
    ])
    .where('clients.id', '=', clientId)
    .executeTakeFirst();
  if (!row) return 'missing';
  if (hasPermission(actor.role, 'read:client:any')) return { clientId, breakGlass: false };
  if (!hasPermission(actor.role, 'read:client:own')) return 'denied';
  if (row.in_care) return { clientId, breakGlass: false };
  if (row.break_glass) return { clientId, breakGlass: true };
  return 'denied';
}

export const notYourClient = () =>
  new AppError('not_your_client', {
    status: 403,
    message:
      'This client is not in your care. In an emergency, use break-glass access and give a reason.',
  });

/**
 * The door for every feature that acts on one client's records (diagnoses, notes, documents,
 * safety plans…): runs `fn` in one practice-scoped transaction once the actor may reach
 * `clientId`. Check the feature's own permission first (notes, documents…): this checks only
 * that the client is within reach. An unknown id — or another practice's, invisible under
 * row-level security — is a 404. A client of this practice outside the actor's care is a 403
 * (so the UI can offer break-glass), and that refusal is audited as `action` with outcome
 * `denied`, in a transaction of its own so that it is kept. `fn` audits the access itself,
 * in `tx`.
 */
export async function withClientAccess<T>(
  db: Database,
  actor: Actor,
  clientId: string,
  context: AuditContext,
  action: AuditAction,
  fn: (tx: Tx, access: ClientAccess) => Promise<T>,
): Promise<T> {
  const result = await db.withPractice(
    actor.practiceId,
    async (tx): Promise<{ ok: true; value: T } | { ok: false; verdict: 'denied' | 'missing' }> => {
      const verdict = await verdictFor(tx, actor, clientId);
      if (typeof verdict === 'string') return { ok: false, verdict };
      return { ok: true, value: await fn(tx, verdict) };
    },
  );
  if (result.ok) return result.value;
  if (result.verdict === 'missing') throw AppError.notFound('There is no such client.');
  await auditDenied(db, actor, context, action, clientId);
  throw notYourClient();
}

/** Records a refused access to one client's records, in its own transaction. */
export async function auditDenied(
  db: Database,
  actor: Actor,
  context: AuditContext,
  action: AuditAction,
  clientId: string,
): Promise<void> {
  await db.withPractice(actor.practiceId, (tx) =>
    audit(tx, context, {
      action,
      outcome: 'denied',
      subjectType: 'client',
      subjectId: clientId,
      clientId,
    }),
  );
}
