import type { Database } from '../platform/db/database.ts';
import { createPractice, findDemoPractice } from '../practices/service.ts';

export const DEMO_PRACTICE_NAME = 'Hearth Demo Practice';

export interface DemoSeedResult {
  practiceId: string;
  created: boolean;
}

/** Seeds the demo practice once; running it again changes nothing. */
export async function seedDemo(db: Database): Promise<DemoSeedResult> {
  const existing = await findDemoPractice(db);
  if (existing) return { practiceId: existing, created: false };
  const practiceId = await createPractice(
    db,
    { name: DEMO_PRACTICE_NAME, isDemo: true },
    async (_tx, practice) => practice.id,
  );
  return { practiceId, created: true };
}
