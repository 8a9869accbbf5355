import { sql } from 'kysely';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission } from '../auth/index.ts';
import { inReach } from './access.ts';
import { selectClientPage, type ListSort } from './queries.ts';
import type { ClientListQuery } from './schemas.ts';
import { viewIncludes } from './views.ts';

type Row = Awaited<ReturnType<typeof selectClientPage>>[number];

const STATUS_RANK = { active: 0, inactive: 1, discharged: 2 } as const;

/** The row's position in the order (queries.ts SORT_KEYS), read back from what it answered. */
function positionOf(sort: ListSort, row: Row): (string | number)[] {
  const name = [row.last_name, row.first_name, row.id];
  if (sort === 'status') return [STATUS_RANK[row.status], ...name];
  if (sort === 'clinician') {
    // The clinicians come in name order: the first is the one the client sorts under.
    const first = row.clinicians[0];
    return [first ? 0 : 1, first?.name ?? '', ...name];
  }
  return name;
}

// The cursor is the position, tagged with its order so that it cannot be replayed in another.
const encodeCursor = (sort: ListSort, row: Row) =>
  Buffer.from(
    JSON.stringify(sort === 'name' ? positionOf(sort, row) : [sort, ...positionOf(sort, row)]),
  ).toString('base64url');

const SHAPES: Record<ListSort, ('string' | 'number')[]> = {
  name: ['string', 'string', 'string'],
  status: ['number', 'string', 'string', 'string'],
  clinician: ['number', 'string', 'string', 'string', 'string'],
};

function decodeCursor(sort: ListSort, cursor: string): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // reported below
  }
  const shape = SHAPES[sort];
  const position =
    Array.isArray(parsed) && sort !== 'name' && parsed[0] === sort ? parsed.slice(1) : parsed;
  if (
    Array.isArray(position) &&
    position.length === shape.length &&
    position.every((p, i) => typeof p === shape[i]) &&
    /^[0-9a-f-]{36}$/.test(String(position.at(-1)))
  ) {
    return position as (string | number)[];
  }
  throw AppError.badRequest(
    'The cursor is not valid; start from the first page.',
    'invalid_cursor',
  );
}

/**
 * One page of the clients the actor reaches, with the list's columns their role may see: the
 * phone and the clinicians when the role's client view has them (views.ts), the next
 * appointment when the role reads the schedule. One query, audited as one `client.list`.
 */
export async function listClients(
  db: Database,
  actor: Actor,
  query: ClientListQuery,
  context: AuditContext,
) {
  const sort = query.sort ?? 'name';
  const after = query.cursor ? decodeCursor(sort, query.cursor) : undefined;
  const limit = query.limit ?? 50;
  const shows = {
    phone: viewIncludes(actor.role, 'phone'),
    clinicians: viewIncludes(actor.role, 'clinicianIds'),
    nextAppointment: hasPermission(actor.role, 'read:schedule:any'),
  };
  return db.withPractice(actor.practiceId, async (tx) => {
    const rows = await selectClientPage(
      tx,
      inReach(actor, { client: sql.ref<string>('clients.id') }),
      { search: query.search, status: query.status, clinicianId: query.clinicianId, sort, after },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    await audit(tx, context, {
      action: 'client.list',
      subjectType: 'clients',
      detail: {
        count: page.length,
        searched: Boolean(query.search),
        ...(query.clinicianId ? { byClinician: true } : {}),
        ...(sort !== 'name' ? { sort } : {}),
      },
    });
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        firstName: r.first_name,
        lastName: r.last_name,
        preferredName: r.preferred_name,
        dateOfBirth: r.date_of_birth,
        status: r.status,
        ...(shows.phone ? { phone: r.phone } : {}),
        ...(shows.clinicians ? { clinicians: r.clinicians } : {}),
        ...(shows.nextAppointment
          ? {
              nextAppointment: r.next_appointment && {
                start: new Date(r.next_appointment.start).toISOString(),
                clinician: r.next_appointment.clinician,
              },
            }
          : {}),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(sort, last) : null,
    };
  });
}
