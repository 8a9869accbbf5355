import { sql, type RawBuilder } from 'kysely';
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

export type Verdict = ClientAccess | 'denied' | 'missing';

/** The facts that decide whether a clinician reaches a client (see decideReach). */
interface ClientReach {
  in_care: boolean;
  break_glass: boolean;
}

/**
 * Those facts as two columns over a `clients c` row: the client in `userId`'s care, or opened
 * by an unexpired break-glass grant.
 */
function reachColumns(userId: string): RawBuilder<ClientReach> {
  return sql<ClientReach>`exists (select 1 from client_clinicians cc
                      where cc.client_id = c.id and cc.user_id = ${userId}) as in_care,
           exists (select 1 from break_glass_grants g
                    where g.client_id = c.id and g.user_id = ${userId}
                      and g.expires_at > now()) as break_glass`;
}

/**
 * The rule: whole-practice roles reach every client of the practice; clinicians those in their
 * care, or opened by break-glass (flagged); nobody else. The chart applies the same rule in
 * SQL (hearth_chart, migration 0016); its tests cover each case. `reach` undefined: no such client
 * here (unknown, or another practice's — invisible under row-level security).
 */
function decideReach(actor: Actor, clientId: string, reach: ClientReach | undefined): Verdict {
  if (!reach) return 'missing';
  if (hasPermission(actor.role, 'read:client:any')) return { clientId, breakGlass: false };
  if (!hasPermission(actor.role, 'read:client:own')) return 'denied';
  if (reach.in_care) return { clientId, breakGlass: false };
  if (reach.break_glass) return { clientId, breakGlass: true };
  return 'denied';
}

/** One query: does the client exist here, is it in the actor's care, is break-glass open. */
async function verdictFor(tx: Tx, actor: Actor, clientId: string): Promise<Verdict> {
  const { rows } = await sql<ClientReach>`
    select ${reachColumns(actor.userId)} from clients c where c.id = ${clientId}`.execute(tx);
  return decideReach(actor, clientId, rows[0]);
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
  return refuseReach(db, actor, context, action, clientId, result.verdict);
}

/** A client out of reach: 404 when missing; 403 `not_your_client`, audited, when denied. */
export async function refuseReach(
  db: Database,
  actor: Actor,
  context: AuditContext,
  action: AuditAction,
  clientId: string,
  verdict: 'denied' | 'missing',
): Promise<never> {
  if (verdict === 'missing') throw AppError.notFound('There is no such client.');
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
