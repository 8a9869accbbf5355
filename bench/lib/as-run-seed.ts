// The practice of issue 23, seeded as the clinical benchmark seeds (real tables under forced
// row-level security, batched multi-row inserts, sealed values sealed with the server's own
// keyring): 20 clinicians, clients of whom about 7% share the family name Smith, and 500 of
// them with 20 appointments and 10 signed notes each. It grows in place from 10,000 to 100,000
// clients, so the second size costs only the 90,000 more. VACUUM ANALYZE after each step: this
// PostgreSQL runs with autovacuum off, and the plans would otherwise be an empty table's.
import { sql } from 'kysely';
import { loadBundledCodeSets } from '../../src/diagnoses/bundled-code-sets.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { benchFieldCipher, type BenchSecrets } from './bench-keys.ts';
import { seedClients, type SeededClient } from './seed-clients.ts';
import { planNotes, seedNotes } from './seed-notes.ts';
import { SeededRandom } from './seed-random.ts';
import { planAppointments, seedAppointments } from './seed-schedule.ts';
import { seedStaff, type SeededStaff } from './seed-staff.ts';

export const RICH_CLIENTS = 500;
const APPOINTMENTS_EACH = 20;
const NOTES_EACH = 10;
const SMITH_SHARE = 0.07;

const FIRST = [
  'Alex', 'Jordan', 'Maria', 'Sam', 'Priya', 'Chen', 'Noor', 'Elena', 'Kwame', 'Zoë', 'James',
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Amara', 'Diego', 'Hana', 'Omar',
  'Grace', 'Ethan', 'Sofia', 'Yusuf', 'Ines', 'Mateo', 'Leila', 'Tomás',
]; // prettier-ignore
/** Common family names besides Smith (none a word starting "smith"). */
const COMMON = [
  'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson',
  'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis',
  'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill',
  'Flores', 'Green', 'Okafor', 'Haddad', 'Kowalski', 'Müller', 'Silva', 'Schmidt',
]; // prettier-ignore
/** Syllables of the rarer family names: thousands of them, as a real client list has. */
const SYLLABLES = [
  'ba', 'ker', 'lan', 'dor', 'vi', 'mon', 'ta', 'rel', 'go', 'fen', 'ri', 'cas', 'ne', 'hol',
  'pa', 'wen', 'zu', 'bri', 'ton', 'el',
]; // prettier-ignore

/** About 7% Smith, half from the common names, the rest rarer names made of syllables. */
export function nameOf(random: SeededRandom): { first: string; last: string } {
  const first = random.pick(FIRST);
  if (random.chance(SMITH_SHARE)) return { first, last: 'Smith' };
  if (random.chance(0.5)) return { first, last: random.pick(COMMON) };
  const n = random.between(2, 3);
  const word = Array.from({ length: n }, () => random.pick(SYLLABLES)).join('');
  return { first, last: word[0]!.toUpperCase() + word.slice(1) };
}

export interface AsRunPractice {
  staff: SeededStaff;
  /** Every seeded client (their ids, and the clinician who carries each). */
  clients: SeededClient[];
  /** The clients with appointments and signed notes: the charts worth opening. */
  rich: SeededClient[];
}

async function vacuumAnalyze(db: Database): Promise<void> {
  // Outside any transaction, as the owner.
  await sql`vacuum analyze`.execute(db.unsafeOwnerConnection());
}

/** A new practice of `count` clients, the first RICH_CLIENTS of them with a history. */
export async function seedPractice(
  db: Database,
  secrets: BenchSecrets,
  options: { count: number; concurrency: number },
): Promise<AsRunPractice> {
  const { fields } = benchFieldCipher(secrets);
  const random = new SeededRandom(20_261_207);
  await loadBundledCodeSets(db);
  const staff = await seedStaff(db, { clinicians: 20, secrets });
  const practiceId = staff.practiceId;
  const clinicianIds = staff.clinicians.map((c) => c.userId);
  const { clients } = await seedClients(db, fields, {
    practiceId,
    count: options.count,
    clinicianIds,
    random,
    concurrency: options.concurrency,
    name: nameOf,
  });
  const rich = clients.slice(0, RICH_CLIENTS);
  const appointments = planAppointments({
    clients: rich,
    count: rich.length * APPOINTMENTS_EACH,
    random,
  });
  await seedAppointments(db, fields, {
    practiceId,
    planned: appointments,
    bookedBy: staff.frontDesk.userId,
    random,
    concurrency: options.concurrency,
  });
  const credentials = await db.withPractice(practiceId, (tx) =>
    tx.selectFrom('users').select(['id', 'credentials']).execute(),
  );
  await seedNotes(db, fields, {
    practiceId,
    planned: planNotes({
      appointments,
      clients: rich,
      count: rich.length * NOTES_EACH,
      // Every note signed: the charts show a signed history, the bench signs its own notes.
      draftsSince: new Date(),
      random,
    }),
    credentials: new Map(credentials.map((u) => [u.id, u.credentials])),
    concurrency: options.concurrency,
  });
  await vacuumAnalyze(db);
  return { staff, clients, rich };
}

/** More clients (no history) until the practice has `count`. */
export async function growPractice(
  db: Database,
  secrets: BenchSecrets,
  practice: AsRunPractice,
  options: { count: number; concurrency: number },
): Promise<AsRunPractice> {
  const { fields } = benchFieldCipher(secrets);
  const more = await seedClients(db, fields, {
    practiceId: practice.staff.practiceId,
    count: options.count - practice.clients.length,
    clinicianIds: practice.staff.clinicians.map((c) => c.userId),
    random: new SeededRandom(options.count),
    concurrency: options.concurrency,
    name: nameOf,
  });
  await vacuumAnalyze(db);
  return { ...practice, clients: [...practice.clients, ...more.clients] };
}
