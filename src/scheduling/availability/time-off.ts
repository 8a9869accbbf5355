import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { TimeOffReason } from '../../platform/db/tables/scheduling.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { practiceTimeZone } from '../../practices/index.ts';
import {
  countBusy,
  deleteTimeOff,
  insertTimeOff,
  selectTimeOff,
  selectTimeOffById,
} from './availability-queries.ts';
import { requireClinician } from './clinicians.ts';
import { checkRange } from './availability.ts';
import {
  Temporal,
  instantAt,
  isoString,
  localOf,
  parseInstant,
  toDate,
  toInstant,
} from '../time.ts';

type TimeOffRow = Awaited<ReturnType<typeof selectTimeOffById>> & {};

function toTimeOff(row: TimeOffRow) {
  const start = toInstant(row.start_at);
  const end = toInstant(row.end_at);
  return {
    id: row.id,
    clinicianId: row.clinician_id,
    start: isoString(start),
    end: isoString(end),
    timeZone: row.time_zone,
    localStart: localOf(start, row.time_zone),
    localEnd: localOf(end, row.time_zone),
    reason: row.reason,
  };
}

function plainDateTime(value: string): Temporal.PlainDateTime {
  try {
    return Temporal.PlainDateTime.from(value, { overflow: 'reject' });
  } catch {
    throw AppError.badRequest(
      'Give local times as YYYY-MM-DDTHH:MM on a real date.',
      'invalid_date_time',
    );
  }
}

export async function listTimeOff(
  db: Database,
  actor: Actor,
  options: {
    clinicianId: string;
    from?: string | undefined;
    to?: string | undefined;
    now: Temporal.Instant;
  },
) {
  const from = options.from ? parseInstant(options.from) : options.now;
  const to = options.to ? parseInstant(options.to) : from.add({ hours: 24 * 366 });
  checkRange(from, to, 400);
  return db.withPractice(actor.practiceId, async (tx) => {
    await requireClinician(tx, options.clinicianId);
    const rows = await selectTimeOff(tx, options.clinicianId, toDate(from), toDate(to));
    return { items: rows.map(toTimeOff), nextCursor: null };
  });
}

/**
 * Time off is entered as a local range in the practice's zone ("Monday 00:00 to Friday 18:00")
 * and stored as instants with that zone. Appointments already booked in it stay: the answer
 * counts them, so that the front desk can move them.
 */
export async function addTimeOff(
  db: Database,
  actor: Actor,
  options: {
    clinicianId: string;
    start: string;
    end: string;
    reason: TimeOffReason;
    context: AuditContext;
  },
) {
  const localStart = plainDateTime(options.start);
  const localEnd = plainDateTime(options.end);
  return db.withPractice(actor.practiceId, async (tx) => {
    await requireClinician(tx, options.clinicianId);
    const zone = await practiceTimeZone(tx, actor.practiceId);
    const start = instantAt(localStart, zone);
    const end = instantAt(localEnd, zone);
    checkRange(start, end, 366);
    const row = await insertTimeOff(tx, {
      clinician_id: options.clinicianId,
      start_at: toDate(start),
      end_at: toDate(end),
      time_zone: zone,
      reason: options.reason,
      created_by: actor.userId,
    });
    await audit(tx, options.context, {
      action: 'availability.time_off.created',
      subjectType: 'time_off',
      subjectId: row.id,
      detail: { clinicianId: options.clinicianId, reason: options.reason },
    });
    const overlapping = await countBusy(tx, options.clinicianId, toDate(start), toDate(end));
    return { ...toTimeOff(row), overlappingAppointments: overlapping };
  });
}

/** Whose time off this is (to check the caller may change it); 404 when unknown here. */
export async function timeOffOwner(db: Database, actor: Actor, id: string): Promise<string> {
  const row = await db.withPractice(actor.practiceId, (tx) => selectTimeOffById(tx, id));
  if (!row) throw AppError.notFound('There is no such time off.');
  return row.clinician_id;
}

export async function removeTimeOff(db: Database, actor: Actor, id: string, context: AuditContext) {
  await db.withPractice(actor.practiceId, async (tx) => {
    const row = await selectTimeOffById(tx, id);
    if (!row) throw AppError.notFound('There is no such time off.');
    await deleteTimeOff(tx, id);
    await audit(tx, context, {
      action: 'availability.time_off.deleted',
      subjectType: 'time_off',
      subjectId: id,
      detail: { clinicianId: row.clinician_id },
    });
  });
}
