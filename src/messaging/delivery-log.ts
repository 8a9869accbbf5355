import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import {
  selectDaySummary,
  selectDeliveries,
  type DeliveryFilter,
  type DeliveryRow,
} from './delivery-log-queries.ts';
import type { DeliveryLogItem, DeliveryLogPage, DeliveryLogQuery } from './delivery-log-schemas.ts';

/**
 * A recipient as the log shows it: enough to tell messages apart and spot a typo'd domain,
 * not enough to read a client's number or address off the screen.
 */
export function maskRecipient(channel: 'email' | 'sms', recipient: string | null): string | null {
  if (recipient === null) return null;
  if (channel === 'sms') {
    // Sent texts keep only "••• 44" already; a waiting one is masked the same way here.
    return recipient.startsWith('•') ? recipient : `••• ${recipient.replace(/\D/g, '').slice(-2)}`;
  }
  const at = recipient.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${recipient.slice(0, 1)}•••${recipient.slice(at)}`;
}

function toItem(row: DeliveryRow): DeliveryLogItem {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    to: maskRecipient(row.channel, row.recipient),
    status: row.status,
    reason: row.last_error,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    statusAt: row.status_at?.toISOString() ?? null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(row: DeliveryRow): string {
  return Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && UUID.test(id) && !Number.isNaN(+date)) {
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

function toFilter(query: DeliveryLogQuery): DeliveryFilter {
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from >= to) {
    throw AppError.badRequest('"from" must be earlier than "to".', 'invalid_range');
  }
  return {
    kind: query.kind,
    channel: query.channel,
    status: query.status,
    from,
    to,
    before: query.cursor ? decodeCursor(query.cursor) : undefined,
  };
}

/** One page of the practice's delivery log, with the last day's summary; the read is audited. */
export async function listDeliveries(
  db: Database,
  actor: Actor,
  context: AuditContext,
  query: DeliveryLogQuery,
): Promise<DeliveryLogPage> {
  const filter = toFilter(query);
  const limit = query.limit ?? 50;
  return db.withPractice(actor.practiceId, async (tx) => {
    const rows = await selectDeliveries(tx, filter, limit + 1);
    const day = await selectDaySummary(tx);
    await audit(tx, context, {
      action: 'delivery_log.read',
      subjectType: 'notification_outbox',
      detail: {
        kind: query.kind ?? null,
        channel: query.channel ?? null,
        status: query.status ?? null,
      },
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const finished = day.sent + day.delivered + day.failed;
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      summary: {
        hours: 24,
        ...day,
        failureRate: finished === 0 ? 0 : Math.round((day.failed / finished) * 1000) / 1000,
      },
    };
  });
}
