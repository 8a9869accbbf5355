// Clients and what their charts show besides notes and appointments: the clinicians who care
// for them (one each, a few with a co-therapist), one or two active diagnoses from the shipped
// ICD-10-CM set, and a safety plan (sealed) for some.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/platform/db/database.ts';
import type { FieldCipher } from '../../src/platform/crypto/field.ts';
import { chunks, eachConcurrently, type SeededRandom } from './seed-random.ts';

const FIRST = ['Alex', 'Jordan', 'Maria', 'Sam', 'Priya', 'Chen', 'Noor', 'Elena', 'Kwame', 'Zoë'];
const LAST = ['Rivera', 'Okafor', 'Nguyen', 'Schmidt', 'Haddad', 'Kowalski', 'Müller', 'Silva'];
/** Common outpatient mental-health codes; those missing from the loaded set are skipped. */
const CODES = ['F411', 'F331', 'F329', 'F4310', 'F4323', 'F410', 'F4010', 'F422', 'F900', 'F5101'];
const BATCH = 500;
/** Stanley–Brown steps (invented), sealed as the safety-plans feature seals them. */
const SAFETY_PLAN = {
  warningSigns: ['Not sleeping', 'Withdrawing from friends'],
  copingStrategies: ['Walk the dog', 'Breathing exercise'],
  socialContacts: ['A neighbour'],
  peopleToAsk: ['A sibling'],
  professionals: ['988 Suicide & Crisis Lifeline'],
  safeEnvironment: ['Medications kept by a friend'],
  reasonsForLiving: ['Family', 'Music'],
};

export interface SeededClient {
  id: string;
  /** The clinician who carries the client (and writes their notes). */
  clinicianId: string;
}

export interface SeededClients {
  clients: SeededClient[];
  diagnoses: number;
  safetyPlans: number;
}

/** Diagnosis codes of the loaded fiscal year among CODES (the code sets load at migration). */
async function availableCodes(db: Database, practiceId: string) {
  const rows = await db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('icd10_codes')
      .select(['fiscal_year', 'code'])
      .where('code', 'in', CODES)
      .where('billable', '=', true)
      .orderBy('fiscal_year', 'desc')
      .execute(),
  );
  const year = rows[0]?.fiscal_year;
  if (year === undefined) throw new Error('no ICD-10-CM code set is loaded');
  return { year, codes: rows.filter((r) => r.fiscal_year === year).map((r) => r.code) };
}

export async function seedClients(
  db: Database,
  fields: FieldCipher,
  options: {
    practiceId: string;
    count: number;
    clinicianIds: readonly string[];
    random: SeededRandom;
    concurrency: number;
    /** Who the clients are called (default: a few first and family names). */
    name?: (random: SeededRandom) => { first: string; last: string };
  },
): Promise<SeededClients> {
  const { practiceId, random, clinicianIds } = options;
  const { year, codes } = await availableCodes(db, practiceId);
  // Every random choice is made here, before any concurrency, so a run seeds the same data.
  const clients = Array.from({ length: options.count }, (_, i) => {
    const id = randomUUID();
    const clinicianId = clinicianIds[i % clinicianIds.length]!;
    const coTherapist = random.chance(0.05) ? random.pick(clinicianIds) : clinicianId;
    const picked = new Set<string>();
    const wanted = Math.min(random.chance(0.4) ? 2 : 1, codes.length);
    while (picked.size < wanted) picked.add(random.pick(codes));
    const month = String(random.between(1, 12)).padStart(2, '0');
    const day = String(random.between(1, 28)).padStart(2, '0');
    const name = options.name?.(random) ?? { first: random.pick(FIRST), last: random.pick(LAST) };
    return {
      id,
      clinicianId,
      row: {
        id,
        first_name: name.first,
        last_name: name.last,
        date_of_birth: `${random.between(1950, 2012)}-${month}-${day}`,
        email: `client-${id.slice(0, 8)}@example.test`,
        phone: `+1555${String(random.int(10_000_000)).padStart(7, '0')}`,
        status: random.weighted({ active: 70, inactive: 20, discharged: 10 }),
      },
      care: [...new Set([clinicianId, coTherapist])].map((user_id) => ({ client_id: id, user_id })),
      diagnoses: [...picked].map((code, rank) => ({
        client_id: id,
        fiscal_year: year,
        code,
        rank: rank + 1,
        added_by: clinicianId,
      })),
      safetyPlan: random.chance(0.05),
    };
  });
  await eachConcurrently(chunks(clients, BATCH), options.concurrency, (batch) =>
    db.withPractice(practiceId, async (tx) => {
      await tx
        .insertInto('clients')
        .values(batch.map((c) => c.row))
        .execute();
      await tx
        .insertInto('client_clinicians')
        .values(batch.flatMap((c) => c.care))
        .execute();
      await tx
        .insertInto('client_diagnoses')
        .values(batch.flatMap((c) => c.diagnoses))
        .execute();
      const plans = [];
      for (const c of batch.filter((x) => x.safetyPlan)) {
        const id = randomUUID();
        const ref = { table: 'safety_plans', column: 'contents_sealed', rowId: id };
        plans.push({
          id,
          client_id: c.id,
          author_id: c.clinicianId,
          contents_sealed: await fields.seal(tx, ref, JSON.stringify(SAFETY_PLAN)),
          professionals_prefilled: false,
          supersedes_id: null,
        });
      }
      if (plans.length > 0) await tx.insertInto('safety_plans').values(plans).execute();
    }),
  );
  return {
    clients: clients.map((c) => ({ id: c.id, clinicianId: c.clinicianId })),
    diagnoses: clients.reduce((n, c) => n + c.diagnoses.length, 0),
    safetyPlans: clients.filter((c) => c.safetyPlan).length,
  };
}
