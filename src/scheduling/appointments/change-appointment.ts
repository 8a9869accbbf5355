import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { practiceTimeZone } from '../../practices/index.ts';
import { selectAppointment, type AppointmentRow } from './appointment-queries.ts';
import type { AppointmentPatch } from './appointment-schemas.ts';
import { reachOf, refuse } from './appointment-access.ts';
import { viewFor } from './appointment-views.ts';
import { outsideWorkingHours } from '../availability/availability.ts';
import { changeSeries } from './change-series.ts';
import { findConflicts, slotTaken, withoutDoubleBooking, type Guard } from './conflicts.ts';
import type { Deps } from './create-appointment.ts';
import { spanOf } from '../availability/intervals.ts';
import { changeDetail, checkReferences, resolvePatch, type Resolved } from './patch-rules.ts';
import { OCCUPYING } from './statuses.ts';
import { toDate, type Temporal } from '../time.ts';

/** Scope `this`: one appointment; an occurrence whose time or details change becomes an exception. */
async function changeOne(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  row: AppointmentRow,
  patch: AppointmentPatch,
  r: Resolved,
  guard: Guard,
) {
  if (patch.recurrence) {
    throw AppError.badRequest(
      'A new recurrence rule applies from an occurrence on: use scope "following".',
      'invalid_scope',
    );
  }
  await checkReferences(tx, row, r);
  const occupiesAnew =
    OCCUPYING.includes(r.status) && (r.reshaped || !OCCUPYING.includes(row.status));
  if (occupiesAnew) {
    guard.slots = [{ clinicianId: r.clinicianId, start: r.start, end: r.end }];
    guard.exclude = [row.id];
    const conflicts = await findConflicts(tx, guard.slots, guard.exclude);
    if (conflicts.length > 0) throw slotTaken(conflicts);
  }
  const remark =
    patch.remark === undefined
      ? {}
      : {
          remark: patch.remark
            ? await deps.fields.seal(
                tx,
                { table: 'appointments', column: 'remark', rowId: row.id },
                patch.remark,
              )
            : null,
        };
  await tx
    .updateTable('appointments')
    .set((eb) => ({
      start_at: toDate(r.start),
      end_at: toDate(r.end),
      clinician_id: r.clinicianId,
      kind: r.kind,
      location_id: r.locationId,
      telehealth_url: r.telehealthUrl,
      service_code: r.serviceCode,
      status: r.status,
      status_reason: r.statusReason,
      ...remark,
      detached: row.detached || (row.series_id !== null && r.reshaped),
      sequence: eb('sequence', '+', 1),
      // Staff changed it last: it no longer shows as the client's own reply.
      updated_by: actor.userId,
      updated_via: null,
      updated_at: new Date(),
    }))
    .where('id', '=', row.id)
    .execute();
  return { changed: 1 };
}

/**
 * Changes an appointment, or (scope `following` / `all`) the rest of its series. Reach is the
 * same as for reading it; a clinician outside it gets 403 not_your_client, audited.
 */
export async function changeAppointment(
  deps: Deps,
  actor: Actor,
  options: { id: string; patch: AppointmentPatch; context: AuditContext; now: Temporal.Instant },
) {
  const { id, patch, now } = options;
  const guard: Guard = { slots: [], exclude: [] };
  const result = await withoutDoubleBooking(
    deps.db,
    actor.practiceId,
    () => guard.slots,
    () => guard.exclude,
    () =>
      deps.db.withPractice(actor.practiceId, async (tx) => {
        const reach = await reachOf(tx, actor, id);
        if (typeof reach === 'string') return reach;
        const row = (await selectAppointment(tx, id))!;
        const r = resolvePatch(row, patch, now);
        const scope = patch.scope ?? 'this';
        const counts =
          scope === 'this'
            ? await changeOne(tx, deps, actor, row, patch, r, guard)
            : await changeSeries(tx, { actor, row, patch, resolved: r, scope, now, guard });
        await audit(tx, options.context, {
          action: 'appointment.update',
          subjectType: 'appointment',
          subjectId: id,
          clientId: row.client_id,
          detail: {
            ...changeDetail(patch, r, counts),
            ...(reach.breakGlass ? { breakGlass: true } : {}),
          },
        });
        const after = (await selectAppointment(tx, id))!;
        // Working hours are kept in the practice's zone (the appointment's own may be older).
        const zone = await practiceTimeZone(tx, actor.practiceId);
        const [outside] = await outsideWorkingHours(tx, after.clinician_id, zone, [
          spanOf(r.start, r.end),
        ]);
        return {
          ...(await viewFor(tx, deps.fields, actor.role, after)),
          outsideWorkingHours: outside!,
          changed: counts.changed,
        };
      }),
  );
  if (typeof result === 'string')
    return refuse(deps.db, actor, options.context, 'appointment.update', id, result);
  return result;
}
