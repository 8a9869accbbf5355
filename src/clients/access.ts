import { sql, type Expression, type RawBuilder } from 'kysely';
import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { AuditAction } from '../platform/audit-trail/actions.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission } from '../auth/index.ts';

/**
 * How a viewer reaches a client's records (the one access rule: `hearth_reach`, migration
 * 0019, docs/permissions.md): the whole practice, their own care (or the appointment they
 * hold), supervision of the record's author, or an open break-glass grant.
 */
export type Reach = 'practice' | 'care' | 'supervision' | 'break_glass';

export interface ClientAccess {
  clientId: string;
  reach: Reach;
  /** Opened through break-glass: flag it in the audit row (`detail: { breakGlass: true }`). */
  breakGlass: boolean;
}

/** A record to reach: its client, and where it has them its author and its holder. */
export interface Target {
  clientId: string;
  /** A note's author: supervising them opens the note (for roles that read supervisees' notes). */
  authorId?: string | undefined;
  /** An appointment's clinician, who reaches it whoever the client is. */
  holderId?: string | undefined;
  /** What a refusal's audit row names (default: the client). */
  subject?: { type: string; id: string } | undefined;
}

/** The first argument of the rule: roles whose work spans every client of the practice. */
export function wholePractice(actor: Actor): boolean {
  return hasPermission(actor.role, 'read:client:any');
}

/** Supervision opens notes only, and only for roles that read their supervisees' notes. */
function authorFor(actor: Actor, target: Target): string | null {
  return target.authorId && hasPermission(actor.role, 'read:note:supervisee')
    ? target.authorId
    : null;
}

/**
 * The rule for one record, in one query: 'missing' when the client is not in this practice
 * (unknown, or another practice's — invisible under row-level security), null when it is but
 * out of the actor's reach, else how it is reached.
 */
export async function reachOf(
  tx: Tx,
  actor: Actor,
  target: Target,
): Promise<Reach | null | 'missing'> {
  const { rows } = await sql<{ reach: Reach | null }>`
    select hearth_reach(${actor.userId}, ${wholePractice(actor)}, c.id,
                        ${authorFor(actor, target)}, ${target.holderId ?? null}) as reach
      from clients c where c.id = ${target.clientId}`.execute(tx);
  const row = rows[0];
  return row ? row.reach : 'missing';
}

/**
 * The rule as a list's filter: true for whole-practice roles; otherwise the record's client is
 * one of the viewer's ties (care or break-glass), or — where given — its author is one they
 * supervise or its holder is the viewer. Written as `in (select … from hearth_ties(…))` so the
 * planner makes it a semi-join on the ties' indexes (ADR 0018).
 */
export function inReach(
  actor: Actor,
  columns: { client: Expression<string>; author?: Expression<string>; holder?: Expression<string> },
): RawBuilder<boolean> {
  if (wholePractice(actor)) return sql<boolean>`true`;
  const ties = sql`hearth_ties(${actor.userId})`;
  const parts = [sql`${columns.client} in (select t.client_id from ${ties} t)`];
  if (columns.author && hasPermission(actor.role, 'read:note:supervisee')) {
    parts.push(sql`${columns.author} in (select t.author_id from ${ties} t)`);
  }
  if (columns.holder) parts.push(sql`${columns.holder} = ${actor.userId}`);
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

export const notYourClient = () =>
  new AppError('not_your_client', {
    status: 403,
    message:
      'This client is not in your care. In an emergency, use break-glass access and give a reason.',
  });

/**
 * The door for every action on one client's records (the client itself, diagnoses, notes,
 * documents, safety plans…): runs `fn` in one practice-scoped transaction once the rule lets
 * the actor reach the target. Check the feature's own permission first: this checks only the
 * reach. An unknown id — or another practice's — is a 404. A client of this practice out of
 * reach is a 403 `not_your_client` (so the UI can offer break-glass), audited as `action` with
 * outcome `denied` in a transaction of its own, so that it is kept. `fn` audits the access.
 */
export async function withClientAccess<T>(
  db: Database,
  actor: Actor,
  target: string | Target,
  context: AuditContext,
  action: AuditAction,
  fn: (tx: Tx, access: ClientAccess) => Promise<T>,
): Promise<T> {
  const aim = typeof target === 'string' ? { clientId: target } : target;
  const result = await db.withPractice(
    actor.practiceId,
    async (tx): Promise<{ ok: true; value: T } | { ok: false; verdict: 'denied' | 'missing' }> => {
      const reach = await reachOf(tx, actor, aim);
      if (reach === 'missing') return { ok: false, verdict: 'missing' };
      if (reach === null) return { ok: false, verdict: 'denied' };
      const access = { clientId: aim.clientId, reach, breakGlass: reach === 'break_glass' };
      return { ok: true, value: await fn(tx, access) };
    },
  );
  if (result.ok) return result.value;
  return refuseReach(db, actor, context, action, aim.clientId, result.verdict, aim.subject);
}

/** A client out of reach: 404 when missing; 403 `not_your_client`, audited, when denied. */
export async function refuseReach(
  db: Database,
  actor: Actor,
  context: AuditContext,
  action: AuditAction,
  clientId: string,
  verdict: 'denied' | 'missing',
  subject?: Target['subject'],
): Promise<never> {
  if (verdict === 'missing') throw AppError.notFound('There is no such client.');
  await auditDenied(db, actor, context, { action, clientId, reason: 'not_your_client', subject });
  throw notYourClient();
}

/** Records a refused access to one client's records, in its own transaction. */
export async function auditDenied(
  db: Database,
  actor: Actor,
  context: AuditContext,
  event: {
    action: AuditAction;
    clientId: string | null;
    reason?: string;
    subject?: Target['subject'];
  },
): Promise<void> {
  const { action, clientId, reason, subject } = event;
  const named = subject ?? (clientId ? { type: 'client', id: clientId } : undefined);
  await db.withPractice(actor.practiceId, (tx) =>
    audit(tx, context, {
      action,
      outcome: 'denied',
      subjectType: named?.type ?? 'clients',
      ...(named ? { subjectId: named.id } : {}),
      clientId,
      ...(reason ? { detail: { reason } } : {}),
    }),
  );
}
