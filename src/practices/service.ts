import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../platform/db/database.ts';
import { insertPractice, selectDemoPracticeIds, selectTimeZone } from './queries.ts';

export { selectTimeZone as practiceTimeZone };

/** IANA zone names this runtime knows, for validating a practice's time zone. */
const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export function isTimeZone(name: string): boolean {
  return ZONES.has(name);
}

export interface NewPractice {
  id: string;
  name: string;
}

/**
 * Creates a practice and runs `then` in the same transaction, scoped to the new practice, so
 * that its first user (or the demo's fixtures) commit together with it or not at all.
 */
export async function createPractice<T>(
  db: Database,
  options: { name: string; isDemo?: boolean; timeZone?: string | undefined },
  then: (tx: Tx, practice: NewPractice) => Promise<T>,
): Promise<T> {
  const id = randomUUID();
  return db.withPractice(id, async (tx) => {
    await insertPractice(tx, {
      id,
      name: options.name,
      isDemo: options.isDemo ?? false,
      timeZone: options.timeZone,
    });
    return then(tx, { id, name: options.name });
  });
}

/** The demo practice's id, if one has been seeded. */
export async function findDemoPractice(db: Database): Promise<string | undefined> {
  const ids = await db.unscopedAcrossPractices(
    { job: 'seed-demo', reason: 'find whether a demo practice exists before seeding one' },
    (tx) => selectDemoPracticeIds(tx),
  );
  return ids[0];
}
