import { Type, type Static } from 'typebox';
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';

export const SessionToDocument = Type.Object(
  {
    appointmentId: Type.String(),
    clientId: Type.String(),
    clientName: Type.String({ description: 'Preferred first name (or first name) and last name.' }),
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    serviceCode: Type.String(),
    status: Type.String(),
  },
  { additionalProperties: false },
);
export type SessionToDocument = Static<typeof SessionToDocument>;

/** How far back the Today screen looks for sessions without a note. */
export const TO_WRITE_DAYS = 14;

/**
 * The caller's sessions of the last two weeks that happened (or were due to) and have no note
 * documenting them yet: the "notes to write" list on the Today screen. Cancelled and missed
 * sessions need no progress note. Lists client names, so it is audited.
 */
export async function listNotesToWrite(
  db: Database,
  actor: Actor,
  context: AuditContext,
): Promise<{ items: SessionToDocument[]; nextCursor: null }> {
  return db.withPractice(actor.practiceId, async (tx) => {
    const rows = await tx
      .selectFrom('appointments as a')
      .innerJoin('clients as c', 'c.id', 'a.client_id')
      .select([
        'a.id',
        'a.client_id',
        'a.start_at',
        'a.end_at',
        'a.service_code',
        'a.status',
        sql<string>`coalesce(c.preferred_name, c.first_name) || ' ' || c.last_name`.as('name'),
      ])
      .where('a.clinician_id', '=', actor.userId)
      .where('a.status', 'in', ['scheduled', 'confirmed', 'arrived', 'completed'])
      .where('a.start_at', '<', sql<Date>`now()`)
      .where('a.start_at', '>', sql<Date>`now() - make_interval(days => ${TO_WRITE_DAYS})`)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('notes as n').select('n.id').whereRef('n.appointment_id', '=', 'a.id'),
          ),
        ),
      )
      .orderBy('a.start_at', 'desc')
      .limit(100)
      .execute();
    await audit(tx, context, {
      action: 'note.list',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { toWrite: true, count: rows.length },
    });
    return {
      items: rows.map((r) => ({
        appointmentId: r.id,
        clientId: r.client_id,
        clientName: r.name,
        start: r.start_at.toISOString(),
        end: r.end_at.toISOString(),
        serviceCode: r.service_code,
        status: r.status,
      })),
      nextCursor: null,
    };
  });
}
