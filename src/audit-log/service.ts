import { stringify } from 'csv-stringify';
import { sql } from 'kysely';
import type { Readable } from 'node:stream';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { inReach } from '../clients/index.ts';
import { selectAuditEvents, type AuditFilter, type AuditRow } from './queries.ts';
import type { AuditEventItem, AuditQuery } from './schemas.ts';

function toItem(row: AuditRow): AuditEventItem {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: {
      type: row.actor_type,
      userId: row.actor_user_id,
      role: row.actor_role,
      label: row.actor_label,
    },
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    clientId: row.client_id,
    clientName: row.client_name,
    outcome: row.outcome,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    detail: row.detail as AuditEventItem['detail'],
    seq: row.seq,
  };
}

function encodeCursor(row: AuditRow): string {
  return Buffer.from(JSON.stringify([row.occurred_at.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      /^\d+$/.test(id) &&
      !Number.isNaN(date.getTime())
    ) {
      return { at: date, id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw AppError.badRequest(
    'The cursor is not valid; start again from the first page.',
    'invalid_cursor',
  );
}

function toFilter(query: AuditQuery): AuditFilter {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from >= to) {
    throw AppError.badRequest('"from" must be earlier than "to".', 'invalid_range');
  }
  return {
    userId: query.userId,
    clientId: query.clientId,
    action: query.action,
    outcome: query.outcome,
    from,
    to,
    before: query.cursor ? decodeCursor(query.cursor) : undefined,
  };
}

const filterDetail = (q: AuditQuery) => ({
  userId: q.userId ?? null,
  clientId: q.clientId ?? null,
  action: q.action ?? null,
  outcome: q.outcome ?? null,
});

/** One page of the practice's audit trail; reading it is itself an audit event. */
export async function listAuditEvents(
  db: Database,
  actor: Actor,
  context: AuditContext,
  query: AuditQuery,
): Promise<{ items: AuditEventItem[]; nextCursor: string | null }> {
  const filter = toFilter(query);
  const limit = query.limit ?? 100;
  // Clients are named through the one access rule, like every other read of them.
  const named = inReach(actor, { client: sql.ref<string>('c.id') });
  return db.withPractice(actor.practiceId, async (tx) => {
    const rows = await selectAuditEvents(tx, filter, limit + 1, named);
    await audit(tx, context, {
      action: 'audit.read',
      subjectType: 'audit_events',
      detail: filterDetail(query),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  });
}

const CSV_COLUMNS = [
  'id',
  'occurredAt',
  'actorType',
  'actorUserId',
  'actorRole',
  'actorLabel',
  'action',
  'subjectType',
  'subjectId',
  'clientId',
  'outcome',
  'ip',
  'userAgent',
  'requestId',
  'seq',
  'detail',
];
export const CSV_MAX_ROWS = 200_000;
const CSV_BATCH = 2_000;

/**
 * The filtered trail as CSV, streamed batch by batch (constant memory). Cells that a
 * spreadsheet would run as a formula are escaped. The export is recorded before any row leaves.
 */
export async function exportAuditCsv(
  db: Database,
  practiceId: string,
  context: AuditContext,
  query: AuditQuery,
): Promise<Readable> {
  const filter = toFilter(query);
  await db.withPractice(practiceId, (tx) =>
    audit(tx, context, {
      action: 'audit.export',
      subjectType: 'audit_events',
      detail: filterDetail(query),
    }),
  );
  const csv = stringify({ header: true, columns: CSV_COLUMNS, escape_formulas: true });
  const pump = async () => {
    let before = filter.before;
    let sent = 0;
    while (sent < CSV_MAX_ROWS) {
      const rows = await db.withPractice(practiceId, (tx) =>
        selectAuditEvents(tx, { ...filter, before }, CSV_BATCH),
      );
      for (const r of rows) {
        const ok = csv.write([
          r.id,
          r.occurred_at.toISOString(),
          r.actor_type,
          r.actor_user_id,
          r.actor_role,
          r.actor_label,
          r.action,
          r.subject_type,
          r.subject_id,
          r.client_id,
          r.outcome,
          r.ip,
          r.user_agent,
          r.request_id,
          r.seq,
          JSON.stringify(r.detail),
        ]);
        if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
      }
      sent += rows.length;
      const last = rows.at(-1);
      if (rows.length < CSV_BATCH || !last) break;
      before = { at: last.occurred_at, id: last.id };
    }
    csv.end();
  };
  pump().catch((err: unknown) => csv.destroy(err as Error));
  return csv;
}
