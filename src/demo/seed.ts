import type { Database } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';
import { hashPassword, insertUser } from '../auth/index.ts';
import { createPractice, findDemoPractice } from '../practices/index.ts';

export const DEMO_PRACTICE_NAME = 'Hearth Demo Practice';
/** Published on purpose: the demo is for trying Hearth out, never for real records. */
export const DEMO_PASSWORD = 'warm lanterns over quiet harbour';

export const DEMO_USERS: { role: Role; name: string; email: string }[] = [
  { role: 'admin', name: 'Ada Admin', email: 'admin@hearth-demo.test' },
  { role: 'supervisor', name: 'Sam Supervisor', email: 'supervisor@hearth-demo.test' },
  { role: 'associate', name: 'Alex Associate', email: 'associate@hearth-demo.test' },
  { role: 'biller', name: 'Bea Biller', email: 'biller@hearth-demo.test' },
  { role: 'front_desk', name: 'Finn Frontdesk', email: 'frontdesk@hearth-demo.test' },
];

export interface DemoSeedResult {
  practiceId: string;
  created: boolean;
}

/** Seeds the demo practice with one user of each role, once; running it again changes nothing. */
export async function seedDemo(db: Database): Promise<DemoSeedResult> {
  const existing = await findDemoPractice(db);
  if (existing) return { practiceId: existing, created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const practiceId = await createPractice(
    db,
    { name: DEMO_PRACTICE_NAME, isDemo: true },
    async (tx, practice) => {
      for (const user of DEMO_USERS) await insertUser(tx, { ...user, passwordHash });
      return practice.id;
    },
  );
  return { practiceId, created: true };
}
