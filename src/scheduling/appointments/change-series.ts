import { randomUUID } from 'node:crypto';
import { sql, type Updateable } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { AppointmentsTable } from '../../platform/db/tables/scheduling.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { selectSeriesMembers, type AppointmentRow } from './appointment-queries.ts';
import type { AppointmentPatch } from './appointment-schemas.ts';
import { findConflicts, slotTaken, type Guard } from './conflicts.ts';
import { checkReferences, type Resolved } from './patch-rules.ts';
import { expandRule, ruleEndingBefore, ruleWithCount } from './recurrence.ts';
import { MOVABLE } from './statuses.ts';
import { checkTiming } from './timing.ts';
import { Temporal, instantAt, isoString, toDate, toInstant } from '../time.ts';

type Times = { start: Temporal.Instant; end: Temporal.Instant };

function refuse(message: string, code: string): never {
  throw AppError.badRequest(message, code);
}

/** The occurrences a series edit may rewrite: upcoming, scheduled or confirmed, not exceptions. */
const rewritable = (m: AppointmentRow, now: Temporal.Instant) =>
  !m.detached && MOVABLE.includes(m.status) && m.start_at.getTime() > now.epochMilliseconds;

/**
 * New times for the affected occurrences. A new rule (scope `following`) is expanded from the
 * new start; otherwise each occurrence keeps its local date and takes the new wall-clock time
 * and length — in the series' own zone, so 9:00 → 10:00 is 10:00 on both sides of a DST change.
 */
function newTimes(o: {
  row: AppointmentRow;
  patch: AppointmentPatch;
  r: Resolved;
  affected: AppointmentRow[];
}): Times[] | null {
  const { row, patch, r } = o;
  const zone = row.time_zone;
  const length = r.end.epochMilliseconds - r.start.epochMilliseconds;
  const first = r.start.toZonedDateTimeISO(zone);
  if (patch.recurrence) {
    return expandRule(patch.recurrence.rrule, first).map((z) => ({
      start: z.toInstant(),
      end: z.toInstant().add({ milliseconds: length }),
    }));
  }
  if (!r.moved) return null;
  const oldDate = toInstant(row.start_at).toZonedDateTimeISO(zone).toPlainDate();
  if (!first.toPlainDate().equals(oldDate)) {
    refuse(
      'A series edit can change the time of day and the length. To move the series to another day, use scope "following" with a new recurrence rule.',
      'new_rule_needed',
    );
  }
  const time = first.toPlainTime();
  return o.affected.map((a) => {
    const date = toInstant(a.start_at).toZonedDateTimeISO(zone).toPlainDate();
    const start = instantAt(date.toPlainDateTime(time), zone);
    return { start, end: start.add({ milliseconds: length }) };
  });
}

/** The fields the patch sets on every rewritten occurrence (only those it names). */
function commonSet(
  patch: AppointmentPatch,
  r: Resolved,
  actorId: string,
): Updateable<AppointmentsTable> {
  return {
    ...(patch.clinicianId ? { clinician_id: r.clinicianId } : {}),
    ...(patch.kind ? { kind: r.kind } : {}),
    ...(patch.kind || patch.locationId !== undefined ? { location_id: r.locationId } : {}),
    ...(patch.kind || patch.telehealthUrl !== undefined ? { telehealth_url: r.telehealthUrl } : {}),
    ...(patch.serviceCode ? { service_code: r.serviceCode } : {}),
    ...(r.statusChanged ? { status: r.status, status_reason: r.statusReason } : {}),
    updated_by: actorId,
    updated_via: null,
    updated_at: new Date(),
  };
}

/**
 * Scope `all`: every upcoming, not-detached occurrence. Scope `following`: the series is split
 * here — the old one's rule ends just before this occurrence, a new series takes this one and
 * those after it, with the change. Completed (and other past) occurrences are never rewritten.
 */
export async function changeSeries(
  tx: Tx,
  o: {
    actor: Actor;
    row: AppointmentRow;
    patch: AppointmentPatch;
    resolved: Resolved;
    scope: 'following' | 'all';
    now: Temporal.Instant;
    guard: Guard;
  },
) {
  const { row, patch, resolved: r, scope, now, guard } = o;
  if (!row.series_id || !row.recurrence_start)
    refuse('This appointment is not part of a series; use scope "this".', 'not_a_series');
  if (patch.remark !== undefined)
    refuse('A remark belongs to one appointment: use scope "this".', 'invalid_scope');
  if (patch.recurrence && scope !== 'following')
    refuse('A new rule applies from an occurrence on: use scope "following".', 'invalid_scope');
  if (r.statusChanged && r.status !== 'cancelled') {
    refuse(
      'Of the statuses, only a cancellation applies to several occurrences; change the others one at a time.',
      'invalid_scope',
    );
  }
  if (row.detached)
    refuse(
      'This occurrence was changed on its own; edit it with scope "this", or open another occurrence.',
      'detached_occurrence',
    );
  if (!rewritable(row, now))
    refuse(
      'Open an upcoming scheduled or confirmed occurrence to change the series from.',
      'past_occurrence',
    );
  await checkReferences(tx, row, r);

  const seriesId = row.series_id;
  const anchor = row.recurrence_start.getTime();
  const series = await tx
    .selectFrom('appointment_series')
    .select(['rrule', sql<string>`first_local_start::text`.as('first_local_start')])
    .where('id', '=', seriesId)
    .executeTakeFirstOrThrow();
  const members = await selectSeriesMembers(tx, seriesId);
  const affected = members.filter(
    (m) => rewritable(m, now) && (scope === 'all' || m.recurrence_start!.getTime() >= anchor),
  );
  const times = newTimes({ row, patch, r, affected });
  for (const t of times ?? []) checkTiming('scheduled', t.start, now);
  const rewritten = times ? affected.slice(0, times.length) : affected;
  const surplus = times ? affected.slice(times.length) : [];
  const extra = times ? times.slice(affected.length) : [];

  if (!r.statusChanged && (times || patch.clinicianId)) {
    const slots =
      times ?? affected.map((a) => ({ start: toInstant(a.start_at), end: toInstant(a.end_at) }));
    guard.slots = slots.map((t) => ({ clinicianId: r.clinicianId, ...t }));
    guard.exclude = affected.map((a) => a.id);
    const conflicts = await findConflicts(tx, guard.slots, guard.exclude);
    if (conflicts.length > 0) throw slotTaken(conflicts);
  }
  // Occurrences may move past each other (a daily series shifted by a new rule): check the
  // constraint once, at commit, over the final state — it still refuses any real overlap.
  await sql`set constraints appointments_no_double_booking deferred`.execute(tx);

  let target = seriesId;
  const zone = row.time_zone;
  if (scope === 'following') {
    target = randomUUID();
    const moving = members.filter((m) => m.recurrence_start!.getTime() >= anchor);
    await tx
      .insertInto('appointment_series')
      .values({
        id: target,
        client_id: row.client_id,
        rrule: patch.recurrence?.rrule ?? ruleWithCount(series.rrule, moving.length),
        time_zone: zone,
        first_local_start: r.start.toZonedDateTimeISO(zone).toPlainDateTime().toString(),
        split_from: seriesId,
        created_by: o.actor.userId,
      })
      .execute();
    await tx
      .updateTable('appointment_series')
      .set({
        rrule: ruleEndingBefore(series.rrule, toInstant(row.recurrence_start)),
        updated_at: new Date(),
      })
      .where('id', '=', seriesId)
      .execute();
    await tx
      .updateTable('appointments')
      .set({ series_id: target })
      .where(
        'id',
        'in',
        moving.map((m) => m.id),
      )
      .execute();
  } else if (times) {
    const firstDate = Temporal.PlainDateTime.from(
      series.first_local_start.replace(' ', 'T'),
    ).toPlainDate();
    const time = r.start.toZonedDateTimeISO(zone).toPlainTime();
    await tx
      .updateTable('appointment_series')
      .set({
        first_local_start: firstDate.toPlainDateTime(time).toString(),
        updated_at: new Date(),
      })
      .where('id', '=', seriesId)
      .execute();
  }

  if (rewritten.length > 0) {
    await tx
      .updateTable('appointments')
      .set((eb) => ({ ...commonSet(patch, r, o.actor.userId), sequence: eb('sequence', '+', 1) }))
      .where(
        'id',
        'in',
        rewritten.map((a) => a.id),
      )
      .execute();
  }
  if (times && rewritten.length > 0) {
    // One statement for every new time; recurrence_start follows, as the rule now generates it.
    await sql`update appointments set start_at = v.s, end_at = v.e, recurrence_start = v.s
      from unnest(${rewritten.map((a) => a.id)}::uuid[],
                  ${rewritten.map((_, i) => isoString(times[i]!.start))}::timestamptz[],
                  ${rewritten.map((_, i) => isoString(times[i]!.end))}::timestamptz[]) as v(id, s, e)
     where appointments.id = v.id`.execute(tx);
  }
  if (surplus.length > 0) {
    await tx
      .updateTable('appointments')
      .set((eb) => ({
        status: 'cancelled',
        status_reason: 'rescheduled',
        sequence: eb('sequence', '+', 1),
        updated_by: o.actor.userId,
        updated_via: null,
        updated_at: new Date(),
      }))
      .where(
        'id',
        'in',
        surplus.map((a) => a.id),
      )
      .execute();
  }
  if (extra.length > 0) {
    await tx
      .insertInto('appointments')
      .values(
        extra.map((t) => ({
          id: randomUUID(),
          client_id: row.client_id,
          clinician_id: r.clinicianId,
          start_at: toDate(t.start),
          end_at: toDate(t.end),
          time_zone: zone,
          kind: r.kind,
          location_id: r.locationId,
          telehealth_url: r.telehealthUrl,
          service_code: r.serviceCode,
          status: 'scheduled' as const,
          series_id: target,
          recurrence_start: toDate(t.start),
          created_by: o.actor.userId,
          updated_by: o.actor.userId,
        })),
      )
      .execute();
  }
  return {
    changed: rewritten.length + surplus.length + extra.length,
    created: extra.length,
    cancelled: surplus.length,
  };
}
