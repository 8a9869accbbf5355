import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FieldCipher } from '../../platform/crypto/field.ts';
import type { AppointmentsTable } from '../../platform/db/tables/scheduling.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { practiceTimeZone } from '../../practices/index.ts';
import { withClientAccess } from '../../clients/index.ts';
import { insertAppointments, selectAppointment } from './appointment-queries.ts';
import type { NewAppointment } from './appointment-schemas.ts';
import { viewFor } from './appointment-views.ts';
import { outsideWorkingHours } from '../availability/availability.ts';
import { checkClinician } from '../availability/clinicians.ts';
import { findConflicts, slotTaken, withoutDoubleBooking, type Slot } from './conflicts.ts';
import { spanOf } from '../availability/intervals.ts';
import { checkLocation } from '../locations/locations.ts';
import { expandRule } from './recurrence.ts';
import { checkReason, checkSpan, checkTiming } from './timing.ts';
import type { Temporal } from '../time.ts';
import { isoString, localOf, parseInstant, toDate } from '../time.ts';

export interface Deps {
  db: Database;
  fields: FieldCipher;
}

/** The slots a booking asks for: one, or every occurrence of its rule in the practice's zone. */
function plan(
  input: NewAppointment,
  zone: string,
): { start: Temporal.Instant; end: Temporal.Instant }[] {
  const start = parseInstant(input.start);
  const end = parseInstant(input.end);
  if (!input.recurrence) return [{ start, end }];
  const length = end.epochMilliseconds - start.epochMilliseconds;
  return expandRule(input.recurrence.rrule, start.toZonedDateTimeISO(zone)).map((z) => ({
    start: z.toInstant(),
    end: z.toInstant().add({ milliseconds: length }),
  }));
}

/**
 * Books an appointment, or a recurring series materialised as one row per occurrence (so the
 * exclusion constraint guards each). The client must be within the caller's reach — the same
 * door as every client record (404 unknown, 403 not in a clinician's care, audited). If any
 * occurrence collides, nothing is written and the 409 lists the colliding times.
 */
export async function createAppointment(
  deps: Deps,
  actor: Actor,
  options: { input: NewAppointment; context: AuditContext; now: Temporal.Instant },
) {
  const { input, now } = options;
  const status = input.status ?? 'scheduled';
  checkSpan(parseInstant(input.start), parseInstant(input.end));
  checkTiming(status, parseInstant(input.start), now);
  checkReason(status, input.statusReason);
  if (input.recurrence && status !== 'scheduled' && status !== 'confirmed') {
    throw AppError.badRequest(
      'A recurring series is booked ahead: status scheduled or confirmed.',
      'invalid_status',
    );
  }
  if (input.kind === 'telehealth' && input.locationId) {
    throw AppError.badRequest('A telehealth appointment has no location.', 'invalid_location');
  }
  if (input.kind !== 'telehealth' && input.telehealthUrl) {
    throw AppError.badRequest(
      'A meeting link goes only with a telehealth appointment.',
      'invalid_telehealth_url',
    );
  }
  let slots: Slot[] = [];
  return withoutDoubleBooking(
    deps.db,
    actor.practiceId,
    () => slots,
    () => [],
    () =>
      withClientAccess(
        deps.db,
        actor,
        input.clientId,
        options.context,
        'appointment.create',
        async (tx, access) => {
          await checkClinician(tx, input.clinicianId);
          if (input.locationId) await checkLocation(tx, input.locationId);
          const zone = await practiceTimeZone(tx, actor.practiceId);
          const times = plan(input, zone);
          slots = times.map((t) => ({ clinicianId: input.clinicianId, ...t }));
          const conflicts = await findConflicts(tx, slots, []);
          if (conflicts.length > 0) throw slotTaken(conflicts);

          const seriesId = input.recurrence ? randomUUID() : null;
          if (seriesId) {
            await tx
              .insertInto('appointment_series')
              .values({
                id: seriesId,
                client_id: input.clientId,
                rrule: input.recurrence!.rrule,
                time_zone: zone,
                first_local_start: times[0]!.start
                  .toZonedDateTimeISO(zone)
                  .toPlainDateTime()
                  .toString(),
                created_by: actor.userId,
              })
              .execute();
          }
          const rows: Insertable<AppointmentsTable>[] = [];
          for (const t of times) {
            const id = randomUUID();
            rows.push({
              id,
              client_id: input.clientId,
              clinician_id: input.clinicianId,
              start_at: toDate(t.start),
              end_at: toDate(t.end),
              time_zone: zone,
              kind: input.kind,
              location_id: input.locationId ?? null,
              telehealth_url: input.telehealthUrl ?? null,
              service_code: input.serviceCode,
              status,
              status_reason: input.statusReason ?? null,
              remark: input.remark
                ? await deps.fields.seal(
                    tx,
                    { table: 'appointments', column: 'remark', rowId: id },
                    input.remark,
                  )
                : null,
              series_id: seriesId,
              recurrence_start: seriesId ? toDate(t.start) : null,
              created_by: actor.userId,
              updated_by: actor.userId,
            });
          }
          await insertAppointments(tx, rows);
          const outside = await outsideWorkingHours(
            tx,
            input.clinicianId,
            zone,
            times.map((t) => spanOf(t.start, t.end)),
          );
          await audit(tx, options.context, {
            action: 'appointment.create',
            subjectType: seriesId ? 'appointment_series' : 'appointment',
            subjectId: seriesId ?? rows[0]!.id,
            clientId: input.clientId,
            detail: {
              occurrences: rows.length,
              outsideWorkingHours: outside.filter(Boolean).length,
              ...(access.breakGlass ? { breakGlass: true } : {}),
            },
          });
          const first = await selectAppointment(tx, rows[0]!.id);
          return {
            ...(await viewFor(tx, deps.fields, actor.role, first!)),
            outsideWorkingHours: outside[0]!,
            series: seriesId
              ? {
                  id: seriesId,
                  rrule: input.recurrence!.rrule,
                  occurrences: times.map((t, i) => ({
                    id: rows[i]!.id,
                    start: isoString(t.start),
                    end: isoString(t.end),
                    localStart: localOf(t.start, zone),
                    localEnd: localOf(t.end, zone),
                    outsideWorkingHours: outside[i]!,
                  })),
                }
              : null,
          };
        },
      ),
  );
}
