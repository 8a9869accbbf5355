/**
 * Kysely's view of the safety plans feature's tables, merged into `DB` in ../schema.ts. Each table
 * here is created by that feature's migration; keep the two in step.
 */
import type { ColumnType } from 'kysely';
import type { ScopedPracticeId, Sealed } from '../schema.ts';

/** Write-once (DESIGN.md invariant 6): no column can be updated, by type and by trigger. */
export interface SafetyPlansTable {
  id: ColumnType<string, string, never>;
  practice_id: ScopedPracticeId;
  client_id: ColumnType<string, string, never>;
  author_id: ColumnType<string, string, never>;
  contents_sealed: ColumnType<Sealed, Sealed, never>;
  professionals_prefilled: ColumnType<boolean, boolean, never>;
  supersedes_id: ColumnType<string | null, string | null, never>;
  created_at: ColumnType<Date, never, never>;
}

export interface SafetyPlanTables {
  safety_plans: SafetyPlansTable;
}
