import { AppError } from '../../platform/errors.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { practiceTimeZone } from '../../practices/index.ts';
import { selectBusy, selectHours, selectTimeOff, replaceHours } from './availability-queries.ts';
import { requireClinician } from './clinicians.ts';
import { merge, spanOf, subtract, within, type Span } from './intervals.ts';
import { overlappingBlocks, workingSpans, type HoursBlock } from './working-hours.ts';
import { Temporal, isoString, localOf, parseInstant, toDate, toInstant } from '../time.ts';

/** Availability and calendars are read a window at a time: at most about two months. */
export const MAX_RANGE_DAYS = 62;

export function checkRange(from: Temporal.Instant, to: Temporal.Instant, maxDays = MAX_RANGE_DAYS) {
  if (Temporal.Instant.compare(to, from) <= 0) {
    throw AppError.badRequest('`to` must be after `from`.', 'invalid_range');
  }
  if (to.epochMilliseconds - from.epochMilliseconds > maxDays * 86_400_000) {
    throw AppError.badRequest(`Ask for at most ${maxDays} days at a time.`, 'range_too_long');
  }
}

export async function readHours(db: Database, actor: Actor, clinicianId: string) {
  return db.withPractice(actor.practiceId, async (tx) => {
    await requireClinician(tx, clinicianId);
    return {
      clinicianId,
      timeZone: await practiceTimeZone(tx, actor.practiceId),
      blocks: await selectHours(tx, clinicianId),
    };
  });
}

/** Replaces the clinician's weekly hours with `blocks` (PUT: the whole set at once). */
export async function replaceWorkingHours(
  db: Database,
  actor: Actor,
  options: { clinicianId: string; blocks: HoursBlock[]; context: AuditContext },
) {
  const { clinicianId, blocks } = options;
  for (const b of blocks) {
    if (b.end <= b.start) {
      throw AppError.badRequest(
        'Each block must end after it starts, on the same day.',
        'invalid_hours',
      );
    }
    if (b.effectiveFrom && b.effectiveTo && b.effectiveTo < b.effectiveFrom) {
      throw AppError.badRequest(
        '`effectiveTo` must not be before `effectiveFrom`.',
        'invalid_hours',
      );
    }
  }
  if (overlappingBlocks(blocks)) {
    throw AppError.badRequest(
      'Two blocks of the same weekday overlap; join or separate them.',
      'hours_overlap',
    );
  }
  await db.withPractice(actor.practiceId, async (tx) => {
    await requireClinician(tx, clinicianId);
    await replaceHours(tx, clinicianId, actor.userId, blocks);
    await audit(tx, options.context, {
      action: 'availability.hours.changed',
      subjectType: 'user',
      subjectId: clinicianId,
      detail: { blocks: blocks.length },
    });
  });
  return readHours(db, actor, clinicianId);
}

/** Working hours minus time off in [from, to), as spans. */
export async function workingTime(
  tx: Tx,
  clinicianId: string,
  zone: string,
  from: Temporal.Instant,
  to: Temporal.Instant,
): Promise<Span[]> {
  const [blocks, off] = await Promise.all([
    selectHours(tx, clinicianId),
    selectTimeOff(tx, clinicianId, toDate(from), toDate(to)),
  ]);
  const offSpans = off.map((o) => spanOf(toInstant(o.start_at), toInstant(o.end_at)));
  return subtract(workingSpans(blocks, zone, { from, to }), offSpans);
}

/** For each span, whether it falls outside the clinician's working hours (or in time off). */
export async function outsideWorkingHours(
  tx: Tx,
  clinicianId: string,
  zone: string,
  spans: Span[],
): Promise<boolean[]> {
  if (spans.length === 0) return [];
  const from = Temporal.Instant.fromEpochMilliseconds(Math.min(...spans.map((s) => s.start)));
  const to = Temporal.Instant.fromEpochMilliseconds(Math.max(...spans.map((s) => s.end)));
  const working = await workingTime(tx, clinicianId, zone, from, to);
  return spans.map((s) => !within(s, working));
}

/** Free time: working hours minus time off minus occupied appointments, in UTC and local. */
export async function readAvailability(
  db: Database,
  actor: Actor,
  options: { clinicianId: string; from: string; to: string },
) {
  const from = parseInstant(options.from);
  const to = parseInstant(options.to);
  checkRange(from, to);
  return db.withPractice(actor.practiceId, async (tx) => {
    await requireClinician(tx, options.clinicianId);
    const zone = await practiceTimeZone(tx, actor.practiceId);
    const working = await workingTime(tx, options.clinicianId, zone, from, to);
    const busy = await selectBusy(tx, options.clinicianId, toDate(from), toDate(to));
    const free = subtract(
      working,
      merge(busy.map((b) => spanOf(toInstant(b.start_at), toInstant(b.end_at)))),
    );
    return {
      clinicianId: options.clinicianId,
      timeZone: zone,
      items: free.map((s) => {
        const start = Temporal.Instant.fromEpochMilliseconds(s.start);
        const end = Temporal.Instant.fromEpochMilliseconds(s.end);
        return {
          start: isoString(start),
          end: isoString(end),
          localStart: localOf(start, zone),
          localEnd: localOf(end, zone),
        };
      }),
    };
  });
}
