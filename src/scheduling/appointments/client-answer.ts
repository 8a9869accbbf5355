import type { Tx } from '../../platform/db/database.ts';
import { MOVABLE, TRANSITIONS, type AppointmentStatus } from './statuses.ts';

export type ClientAnswerStatus = Extract<
  AppointmentStatus,
  'confirmed' | 'cancelled' | 'late_cancelled'
>;

/**
 * A client's own answer to a reminder (a text reply or the email link): confirmed, or cancelled
 * for the reason `by_client`. No staff member made the change, so `updated_by` is null and
 * `updated_via` says which channel did. The caller has locked the row and checked that the
 * reminder still applies; the status guard here is the last word, so a booking that changed
 * meanwhile is never overwritten. Answers whether the appointment changed.
 */
export async function applyClientAnswer(
  tx: Tx,
  options: { appointmentId: string; status: ClientAnswerStatus; via: 'sms' | 'email' },
): Promise<boolean> {
  const { appointmentId, status, via } = options;
  const from = MOVABLE.filter((s) => s !== status && TRANSITIONS[s].includes(status));
  if (from.length === 0) return false;
  const changed = await tx
    .updateTable('appointments')
    .set((eb) => ({
      status,
      status_reason: status === 'confirmed' ? null : 'by_client',
      updated_by: null,
      updated_via: via,
      updated_at: new Date(),
      // Subscribed calendars (calendar feeds) take the new version.
      sequence: eb('sequence', '+', 1),
    }))
    .where('id', '=', appointmentId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return changed.numUpdatedRows > 0n;
}
