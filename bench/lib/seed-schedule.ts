// Two years of calendar around today: every clinician works weekdays in hourly slots, and the
// requested number of appointments is spread over those slots, each slot used once (so the
// no-double-booking constraint never refuses one). Past appointments are mostly completed, with
// the cancellations, late cancellations and no-shows a real calendar has; future ones are
// scheduled or confirmed. A few carry a sealed remark.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/platform/db/database.ts';
import type { FieldCipher } from '../../src/platform/crypto/field.ts';
import type { AppointmentStatus, StatusReason } from '../../src/platform/db/tables/scheduling.ts';
import type { SeededClient } from './seed-clients.ts';
import { chunks, eachConcurrently, type SeededRandom } from './seed-random.ts';

const DAY_MS = 86_400_000;
/** Sessions start on the hour, 13:00–22:00 UTC: 8 or 9 a.m. to 5 or 6 p.m. in New York. */
const FIRST_HOUR_UTC = 13;
const SLOTS_PER_DAY = 10;
const TIME_ZONE = 'America/New_York';
const BATCH = 1_000;
/** CPT code → minutes; every session fits its hourly slot. */
const SERVICES = { '90834': 45, '90837': 60, '90832': 30, '90791': 60 } as const;
const REASONS: Record<string, StatusReason[]> = {
  cancelled: ['client_request', 'rescheduled', 'client_illness'],
  late_cancelled: ['client_illness', 'transport'],
  no_show: ['no_contact'],
};

export interface PlannedAppointment {
  id: string;
  clientId: string;
  clinicianId: string;
  start: Date;
  status: AppointmentStatus;
}

function statusAt(random: SeededRandom, start: Date, now: number): AppointmentStatus {
  if (start.getTime() < now - 2 * 3_600_000) {
    return random.weighted({ completed: 83, cancelled: 7, late_cancelled: 4, no_show: 6 });
  }
  if (start.getTime() < now) return 'arrived';
  const soon = start.getTime() < now + 7 * DAY_MS;
  return random.weighted({ scheduled: soon ? 40 : 90, confirmed: soon ? 55 : 5, cancelled: 5 });
}

/**
 * Exactly `count` appointments over the weekdays of [today − 365 days, today + 365 days), for
 * each clinician's own caseload. Selection sampling (Knuth's algorithm S) picks the slots, so
 * they are spread evenly without ever being drawn twice.
 */
export function planAppointments(options: {
  clients: readonly SeededClient[];
  count: number;
  random: SeededRandom;
  now?: number;
}): PlannedAppointment[] {
  const { random } = options;
  const now = options.now ?? Date.now();
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const caseloads = new Map<string, string[]>();
  for (const c of options.clients) {
    caseloads.set(c.clinicianId, [...(caseloads.get(c.clinicianId) ?? []), c.id]);
  }
  const days: number[] = [];
  for (let d = today - 365 * DAY_MS; d < today + 365 * DAY_MS; d += DAY_MS) {
    const weekday = new Date(d).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(d);
  }
  let remainingSlots = days.length * SLOTS_PER_DAY * caseloads.size;
  if (options.count > remainingSlots)
    throw new Error(`only ${remainingSlots} slots for appointments`);
  let needed = options.count;
  const planned: PlannedAppointment[] = [];
  for (const day of days) {
    for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
      for (const [clinicianId, caseload] of caseloads) {
        if (random.next() * remainingSlots-- >= needed) continue;
        needed--;
        const start = new Date(day + (FIRST_HOUR_UTC + slot) * 3_600_000);
        planned.push({
          id: randomUUID(),
          clientId: random.pick(caseload),
          clinicianId,
          start,
          status: statusAt(random, start, now),
        });
      }
    }
  }
  return planned;
}

/** Inserts the planned appointments (booked by `bookedBy`) at two locations or by video. */
export async function seedAppointments(
  db: Database,
  fields: FieldCipher,
  options: {
    practiceId: string;
    planned: readonly PlannedAppointment[];
    bookedBy: string;
    random: SeededRandom;
    concurrency: number;
  },
): Promise<{ remarks: number }> {
  const { random, practiceId } = options;
  const locations = await db.withPractice(practiceId, (tx) =>
    tx
      .insertInto('locations')
      .values([{ name: 'Main office' }, { name: 'Eastside' }])
      .returning('id')
      .execute(),
  );
  const rows = options.planned.map((a) => {
    const service = random.weighted({ '90834': 50, '90837': 30, '90832': 10, '90791': 10 });
    const inPerson = random.chance(0.65);
    const reasons = REASONS[a.status];
    return {
      remark: random.chance(0.05) ? 'Prefers the side entrance; asked about a work letter.' : null,
      row: {
        id: a.id,
        client_id: a.clientId,
        clinician_id: a.clinicianId,
        start_at: a.start,
        end_at: new Date(a.start.getTime() + SERVICES[service] * 60_000),
        time_zone: TIME_ZONE,
        kind: inPerson ? ('in_person' as const) : ('telehealth' as const),
        location_id: inPerson ? random.pick(locations).id : null,
        service_code: service,
        status: a.status,
        status_reason: reasons ? random.pick(reasons) : null,
        created_by: options.bookedBy,
        updated_by: options.bookedBy,
      },
    };
  });
  await eachConcurrently(chunks(rows, BATCH), options.concurrency, (batch) =>
    db.withPractice(practiceId, async (tx) => {
      const values = [];
      for (const { row, remark } of batch) {
        const ref = { table: 'appointments', column: 'remark', rowId: row.id };
        values.push({ ...row, remark: remark ? await fields.seal(tx, ref, remark) : null });
      }
      await tx.insertInto('appointments').values(values).execute();
    }),
  );
  return { remarks: rows.filter((r) => r.remark).length };
}
