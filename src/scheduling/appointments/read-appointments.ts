import { AppError } from '../../platform/errors.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { selectAppointment, selectRange } from './appointment-queries.ts';
import type { AppointmentListQuery } from './appointment-schemas.ts';
import { appointmentsInReach, reachOf, refuse, requireSchedule } from './appointment-access.ts';
import { viewFor } from './appointment-views.ts';
import { checkRange } from '../availability/availability.ts';
import type { Deps } from './create-appointment.ts';
import { parseInstant, toDate } from '../time.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string): { start: Date; id: string } {
  try {
    const [start, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const date = new Date(start);
    if (UUID.test(id) && !Number.isNaN(date.getTime())) return { start: date, id };
  } catch {
    // answered below
  }
  throw AppError.badRequest(
    'The cursor is not valid; start from the first page.',
    'invalid_cursor',
  );
}

const encodeCursor = (start: Date, id: string) =>
  Buffer.from(JSON.stringify([start.toISOString(), id])).toString('base64url');

/**
 * A calendar: the appointments overlapping [from, to) — at most 62 days — for the practice,
 * one clinician or one client. Client names make it PHI, so the read is audited (with counts).
 */
export async function listAppointments(
  deps: Deps,
  actor: Actor,
  options: { query: AppointmentListQuery; context: AuditContext },
) {
  const { query } = options;
  const from = parseInstant(query.from);
  const to = parseInstant(query.to);
  checkRange(from, to);
  requireSchedule(actor);
  const limit = query.limit ?? 500;
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  return deps.db.withPractice(actor.practiceId, async (tx) => {
    const rows = await selectRange(
      tx,
      appointmentsInReach(actor),
      {
        from: toDate(from),
        to: toDate(to),
        clinicianId: query.clinicianId,
        clientId: query.clientId,
        status: query.status,
        after,
      },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    await audit(tx, options.context, {
      action: 'appointment.list',
      subjectType: 'appointments',
      clientId: query.clientId ?? null,
      detail: {
        count: page.length,
        clients: new Set(page.map((r) => r.client_id)).size,
        clinicianId: query.clinicianId ?? null,
      },
    });
    const items = [];
    for (const row of page) items.push(await viewFor(tx, deps.fields, actor.role, row));
    const last = page.at(-1);
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor(last.start_at, last.id) : null,
    };
  });
}

export async function readAppointment(deps: Deps, actor: Actor, id: string, context: AuditContext) {
  const result = await deps.db.withPractice(actor.practiceId, async (tx) => {
    const reach = await reachOf(tx, actor, id);
    if (typeof reach === 'string') return reach;
    const row = (await selectAppointment(tx, id))!;
    await audit(tx, context, {
      action: 'appointment.read',
      subjectType: 'appointment',
      subjectId: id,
      clientId: row.client_id,
      detail: reach.breakGlass ? { breakGlass: true } : {},
    });
    return viewFor(tx, deps.fields, actor.role, row);
  });
  if (typeof result === 'string')
    return refuse(deps.db, actor, context, 'appointment.read', id, result);
  return result;
}
