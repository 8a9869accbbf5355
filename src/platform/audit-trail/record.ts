import { sql } from 'kysely';
import { practiceOf, type Tx } from '../db/database.ts';
import { insertAlert } from '../alerting/alerts.ts';
import type { AuditAction, AuditOutcome } from './actions.ts';
import { checkAuditDetail, type AuditDetail } from './detail.ts';

/** Who did it, from where: built once per request (see context.ts) or once per job. */
export type AuditActor =
  | { type: 'user'; userId: string; role: string }
  | { type: 'system'; job: string }
  | { type: 'anonymous' };

export interface AuditContext {
  actor: AuditActor;
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
}

export interface AuditEvent {
  action: AuditAction;
  outcome?: AuditOutcome;
  subjectType?: string;
  subjectId?: string;
  /** The client the subject belongs to, so that a client's access report is one query. */
  clientId?: string | null;
  detail?: AuditDetail;
}

/**
 * The audit row could not be written. The transaction it belonged to is rolled back, so the
 * access it would have recorded does not happen; the caller answers 503 and raises an alert.
 */
export class AuditWriteError extends Error {
  override name = 'AuditWriteError';
  readonly practiceId: string | undefined;
  constructor(practiceId: string | undefined, cause: unknown) {
    super('the audit trail could not be written', { cause });
    this.practiceId = practiceId;
  }
}

/**
 * Whether a database error came from writing an audit row (inside hearth_audit_event), for
 * the functions that record their own reads (ADR 0017): the read is then refused as unaudited.
 */
export function isAuditWriteFailure(err: unknown): boolean {
  const where = (err as { where?: unknown } | null)?.where;
  return typeof where === 'string' && where.includes('hearth_audit_event(');
}

/**
 * Records one event in the transaction `tx` — the same transaction as the work it describes,
 * so both commit or neither does. The practice comes from the transaction's scope.
 */
export async function audit(tx: Tx, context: AuditContext, event: AuditEvent): Promise<void> {
  const detail = checkAuditDetail(event.detail ?? {});
  const { actor } = context;
  try {
    // One statement, one round trip: the event and its place in the sealing queue
    // (hearth_audit_event, migration 0016 — the same function the database's own reads use).
    await sql`select hearth_audit_event(
        ${actor.type}, ${actor.type === 'user' ? actor.userId : null},
        ${actor.type === 'user' ? actor.role : null}, ${actor.type === 'system' ? actor.job : null},
        ${event.action}, ${event.subjectType ?? null}, ${event.subjectId ?? null},
        ${event.clientId ?? null}, ${event.outcome ?? 'success'}, ${context.ip ?? null},
        ${context.userAgent ?? null}, ${context.requestId ?? null}, ${detail}::jsonb)`.execute(tx);
  } catch (err) {
    throw new AuditWriteError(practiceOf(tx), err);
  }
  if (event.outcome === 'denied') await watchDeniedBurst(tx, context);
}

/**
 * Records many events of one actor in one statement (a job's batch): each row exactly as
 * `audit` would write it, in the same transaction as the work. Not for denials.
 */
export async function auditEach(
  tx: Tx,
  context: AuditContext,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const { actor } = context;
  const rows = events.map(
    (e) =>
      sql`(${e.action}, ${e.subjectType ?? null}, ${e.subjectId ?? null}, ${e.clientId ?? null}::uuid,
           ${e.outcome ?? 'success'}, ${checkAuditDetail(e.detail ?? {})}::jsonb)`,
  );
  try {
    await sql`select hearth_audit_event(
        ${actor.type}, ${actor.type === 'user' ? actor.userId : null}::uuid,
        ${actor.type === 'user' ? actor.role : null}, ${actor.type === 'system' ? actor.job : null},
        e.action, e.subject_type, e.subject_id, e.client_id, e.outcome, ${context.ip ?? null},
        ${context.userAgent ?? null}, ${context.requestId ?? null}, e.detail)
      from (values ${sql.join(rows)}) as e(action, subject_type, subject_id, client_id, outcome, detail)`.execute(
      tx,
    );
  } catch (err) {
    throw new AuditWriteError(practiceOf(tx), err);
  }
}

export const DENIED_BURST = { count: 10, windowMinutes: 5 };

/**
 * The tenth denial for one user (or one address, when anonymous) within five minutes raises an
 * alert: someone is probing. Exactly the tenth, so that a longer burst raises one alert.
 */
async function watchDeniedBurst(tx: Tx, context: AuditContext): Promise<void> {
  const since = sql<Date>`now() - make_interval(mins => ${DENIED_BURST.windowMinutes})`;
  let query = tx
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('outcome', '=', 'denied')
    .where('occurred_at', '>', since);
  query =
    context.actor.type === 'user'
      ? query.where('actor_user_id', '=', context.actor.userId)
      : query.where('ip', '=', context.ip ?? '').where('actor_type', '=', 'anonymous');
  const { n } = await query.executeTakeFirstOrThrow();
  if (Number(n) !== DENIED_BURST.count) return;
  await insertAlert(tx, {
    kind: 'denied_burst',
    severity: 'warning',
    message: `${DENIED_BURST.count} requests were refused for the same ${context.actor.type === 'user' ? 'user' : 'network address'} within ${DENIED_BURST.windowMinutes} minutes. Review the audit log for this user or address.`,
    detail:
      context.actor.type === 'user' ? { userId: context.actor.userId } : { ip: context.ip ?? null },
  });
}
