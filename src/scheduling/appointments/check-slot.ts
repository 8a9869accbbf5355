import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { practiceTimeZone } from '../../practices/index.ts';
import { outsideWorkingHours } from '../availability/availability.ts';
import { requireClinician } from '../availability/clinicians.ts';
import { spanOf } from '../availability/intervals.ts';
import { describeConflicts } from './conflict-words.ts';
import { findConflicts } from './conflicts.ts';
import { checkSpan } from './timing.ts';
import { isoString, parseInstant, toInstant } from '../time.ts';

/**
 * Whether a clinician is free for [start, end), asked while a booking form is filled: the same
 * overlap test and working-hours test as booking, nothing written. Like the 409 it answers
 * with times and the clinician's name only, never whose the other appointment is — so no PHI
 * is read and nothing is audited.
 */
export async function checkSlot(
  db: Database,
  actor: Actor,
  q: { clinicianId: string; start: string; end: string; exclude?: string | undefined },
) {
  const start = parseInstant(q.start);
  const end = parseInstant(q.end);
  checkSpan(start, end);
  return db.withPractice(actor.practiceId, async (tx) => {
    await requireClinician(tx, q.clinicianId);
    const zone = await practiceTimeZone(tx, actor.practiceId);
    const conflicts = await findConflicts(
      tx,
      [{ clinicianId: q.clinicianId, start, end }],
      q.exclude ? [q.exclude] : [],
    );
    const [outside = false] = await outsideWorkingHours(tx, q.clinicianId, zone, [
      spanOf(start, end),
    ]);
    return {
      free: conflicts.length === 0,
      conflicts: conflicts.map((c) => ({
        start: isoString(toInstant(c.start_at)),
        end: isoString(toInstant(c.end_at)),
      })),
      message: conflicts.length > 0 ? describeConflicts(conflicts) : null,
      outsideWorkingHours: outside,
    };
  });
}
