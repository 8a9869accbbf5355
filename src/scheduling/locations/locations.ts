import { AppError } from '../../platform/errors.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';

/**
 * The practice's list of places for in-person sessions ("Main office", "Room 2"), kept by its
 * administrators. Appointments pick one by id, so no free-text location (a client's address,
 * say) ever sits on a calendar entry.
 */
export async function listLocations(db: Database, actor: Actor) {
  const rows = await db.withPractice(actor.practiceId, (tx) =>
    tx
      .selectFrom('locations')
      .select(['id', 'name'])
      .where('archived_at', 'is', null)
      .orderBy('name')
      .execute(),
  );
  return { items: rows, nextCursor: null };
}

export async function createLocation(
  db: Database,
  actor: Actor,
  name: string,
  context: AuditContext,
) {
  return db.withPractice(actor.practiceId, async (tx) => {
    const existing = await tx
      .selectFrom('locations')
      .select('id')
      .where('archived_at', 'is', null)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
      .executeTakeFirst();
    if (existing)
      throw AppError.conflict('There is already a location of that name.', 'location_exists');
    const row = await tx
      .insertInto('locations')
      .values({ name: name.trim() })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    await audit(tx, context, {
      action: 'location.created',
      subjectType: 'location',
      subjectId: row.id,
    });
    return row;
  });
}

/** Archived locations leave the list; appointments already there keep showing them. */
export async function archiveLocation(
  db: Database,
  actor: Actor,
  id: string,
  context: AuditContext,
) {
  await db.withPractice(actor.practiceId, async (tx) => {
    const row = await tx
      .updateTable('locations')
      .set({ archived_at: new Date() })
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw AppError.notFound('There is no such location.');
    await audit(tx, context, {
      action: 'location.archived',
      subjectType: 'location',
      subjectId: id,
    });
  });
}

export async function checkLocation(tx: Tx, id: string): Promise<void> {
  const row = await tx
    .selectFrom('locations')
    .select('id')
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!row) {
    throw AppError.badRequest(
      'The location must be one of the practice’s locations (GET /api/v1/locations).',
      'invalid_location',
    );
  }
}
