// The realistic-scale practice the clinical benchmark runs against (issue #6): by default 2,000
// clients, 60,000 notes and 100,000 appointments over 20 clinicians, written through the real
// tables under forced row-level security (db.withPractice), with batched multi-row inserts,
// every free-text value sealed with the real FieldCipher and the server's own keyring. The
// database is vacuumed and analysed afterwards: this PostgreSQL runs with autovacuum off, and
// without statistics the plans (and so the figures) would be those of an empty database.
import { sql } from 'kysely';
import { loadBundledCodeSets } from '../src/diagnoses/bundled-code-sets.ts';
import type { Database } from '../src/platform/db/database.ts';
import { benchFieldCipher, type BenchSecrets } from './lib/bench-keys.ts';
import { seedClients, type SeededClient } from './lib/seed-clients.ts';
import { planNotes, seedNotes, type SeededDraft } from './lib/seed-notes.ts';
import { SeededRandom } from './lib/seed-random.ts';
import { planAppointments, seedAppointments } from './lib/seed-schedule.ts';
import { seedStaff, type SeededStaff } from './lib/seed-staff.ts';

export interface ClinicalScale {
  clinicians: number;
  clients: number;
  notes: number;
  appointments: number;
  /** Notes of sessions in this many last days stay drafts (the saving and signing targets). */
  draftDays: number;
}

export const FULL_SCALE: ClinicalScale = {
  clinicians: 20,
  clients: 2_000,
  notes: 60_000,
  appointments: 100_000,
  draftDays: 28,
};

/**
 * The same practice shrunk by `factor` in clinicians and in everything else: each clinician's
 * caseload, each client's notes and appointments, each week's calendar stay as dense as at
 * full scale, so one request does the same work; only the tables are smaller.
 */
export function scaledDown(factor: number): ClinicalScale {
  const n = (v: number) => Math.round(v / factor);
  return {
    clinicians: n(FULL_SCALE.clinicians),
    clients: n(FULL_SCALE.clients),
    notes: n(FULL_SCALE.notes),
    appointments: n(FULL_SCALE.appointments),
    draftDays: FULL_SCALE.draftDays,
  };
}

export interface ClinicalSeed {
  staff: SeededStaff;
  clients: SeededClient[];
  drafts: SeededDraft[];
  /** What was written, for the results table. */
  counts: { diagnoses: number; safetyPlans: number; signedNotes: number; remarks: number };
  /** Seconds per step, and in all. */
  seconds: Record<'codeSets' | 'staff' | 'clients' | 'appointments' | 'notes' | 'vacuum', number>;
  totalSeconds: number;
}

async function timed<T>(into: Record<string, number>, step: string, work: () => Promise<T>) {
  const started = performance.now();
  const result = await work();
  into[step] = (performance.now() - started) / 1000;
  return result;
}

/**
 * Seeds one practice into a migrated database. `concurrency` transactions run at once (PGlite
 * has one session, so 1 there; a few on PostgreSQL, where the pool has the connections).
 */
export async function seedClinical(
  db: Database,
  secrets: BenchSecrets,
  options: { scale?: ClinicalScale; concurrency: number; seed?: number },
): Promise<ClinicalSeed> {
  const scale = options.scale ?? FULL_SCALE;
  const { fields } = benchFieldCipher(secrets);
  const random = new SeededRandom(options.seed ?? 20_260_601);
  const { concurrency } = options;
  const seconds: Record<string, number> = {};
  const started = performance.now();
  // The server loads the shipped ICD-10-CM set at start too; diagnoses need it first.
  await timed(seconds, 'codeSets', () => loadBundledCodeSets(db));
  const staff = await timed(seconds, 'staff', () =>
    seedStaff(db, { clinicians: scale.clinicians, secrets }),
  );
  const practiceId = staff.practiceId;
  const clinicianIds = staff.clinicians.map((c) => c.userId);
  const seeded = await timed(seconds, 'clients', () =>
    seedClients(db, fields, {
      practiceId,
      count: scale.clients,
      clinicianIds,
      random,
      concurrency,
    }),
  );
  const appointments = planAppointments({
    clients: seeded.clients,
    count: scale.appointments,
    random,
  });
  const { remarks } = await timed(seconds, 'appointments', () =>
    seedAppointments(db, fields, {
      practiceId,
      planned: appointments,
      bookedBy: staff.frontDesk.userId,
      random,
      concurrency,
    }),
  );
  const credentials = await db.withPractice(practiceId, (tx) =>
    tx.selectFrom('users').select(['id', 'credentials']).execute(),
  );
  const notes = await timed(seconds, 'notes', () =>
    seedNotes(db, fields, {
      practiceId,
      planned: planNotes({
        appointments,
        clients: seeded.clients,
        count: scale.notes,
        draftsSince: new Date(Date.now() - scale.draftDays * 86_400_000),
        random,
      }),
      credentials: new Map(credentials.map((u) => [u.id, u.credentials])),
      concurrency,
    }),
  );
  // VACUUM as well as ANALYZE: a live database's autovacuum would have set the visibility map
  // too, which index-only scans rely on. Outside any transaction, as the owner.
  await timed(seconds, 'vacuum', () => sql`vacuum analyze`.execute(db.unsafeOwnerConnection()));
  return {
    staff,
    clients: seeded.clients,
    drafts: notes.drafts,
    counts: {
      diagnoses: seeded.diagnoses,
      safetyPlans: seeded.safetyPlans,
      signedNotes: notes.signed,
      remarks,
    },
    seconds: seconds as ClinicalSeed['seconds'],
    totalSeconds: (performance.now() - started) / 1000,
  };
}
