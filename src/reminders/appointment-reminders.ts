import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { withClientAccess } from '../clients/index.ts';
import type { AppointmentReminders } from './schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * An appointment's reminders and what became of each (its outbox message's delivery state),
 * through the one access rule: the appointment's client within reach, or the actor holds it.
 */
export async function listAppointmentReminders(
  db: Database,
  actor: Actor,
  appointmentId: string,
  context: AuditContext,
): Promise<AppointmentReminders> {
  const target = await db.withPractice(actor.practiceId, (tx) =>
    tx
      .selectFrom('appointments')
      .select(['client_id', 'clinician_id'])
      .where('id', '=', appointmentId)
      .executeTakeFirst(),
  );
  if (!target) throw AppError.notFound('There is no such appointment.');
  return withClientAccess(
    db,
    actor,
    {
      clientId: target.client_id,
      holderId: target.clinician_id,
      subject: { type: 'appointment', id: appointmentId },
    },
    context,
    'appointment.reminders.read',
    async (tx, access) => {
      const rows = await tx
        .selectFrom('reminders as r')
        .leftJoin('notification_outbox as o', (j) =>
          j.onRef('o.practice_id', '=', 'r.practice_id').onRef('o.id', '=', 'r.outbox_id'),
        )
        .select([
          'r.id',
          'r.channel',
          'r.due_at',
          'r.status',
          'r.status_detail',
          'r.reply',
          'r.replied_at',
          'o.id as outbox_id',
          'o.status as delivery_status',
          'o.status_at',
          'o.created_at as queued_at',
          'o.last_error',
        ])
        .where('r.appointment_id', '=', appointmentId)
        .orderBy('r.due_at')
        .orderBy('r.channel')
        .execute();
      await audit(tx, context, {
        action: 'appointment.reminders.read',
        subjectType: 'appointment',
        subjectId: appointmentId,
        clientId: target.client_id,
        ...(access.breakGlass ? { detail: { breakGlass: true } } : {}),
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          dueAt: r.due_at.toISOString(),
          status: r.status,
          statusDetail: r.status_detail,
          delivery:
            r.outbox_id && r.delivery_status
              ? {
                  status: r.delivery_status,
                  at: iso(r.status_at ?? r.queued_at),
                  reason: r.last_error,
                }
              : null,
          reply: r.reply,
          repliedAt: iso(r.replied_at),
        })),
      };
    },
  );
}
