import type { ColumnType, Generated } from 'kysely';
import type { ScopedPracticeId, Sealed } from '../schema.ts';

/**
 * Kysely's view of the diagnoses and insurance feature's tables, merged into `DB` in
 * ../schema.ts. Each table here is created by migration 0011; keep the two in step.
 */
export interface DiagnosisTables {
  icd10_code_sets: Icd10CodeSetsTable;
  icd10_codes: Icd10CodesTable;
  client_diagnoses: ClientDiagnosesTable;
  client_insurance: ClientInsuranceTable;
}

/** One fiscal year's ICD-10-CM release (global reference data). */
export interface Icd10CodeSetsTable {
  fiscal_year: number;
  effective_from: string;
  effective_to: string;
  source: 'bundled' | 'order_file';
  source_sha256: string;
  code_count: number;
  billable_count: number;
  imported_at: Generated<Date>;
}

/** One code of one fiscal year, without the dot (F411 = F41.1). */
export interface Icd10CodesTable {
  fiscal_year: number;
  code: string;
  billable: boolean;
  short_description: string;
  long_description: string;
}

export type DiagnosisStatus = 'active' | 'resolved' | 'entered_in_error';

export interface ClientDiagnosesTable {
  id: Generated<string>;
  practice_id: ScopedPracticeId;
  client_id: string;
  fiscal_year: number;
  code: string;
  status: Generated<DiagnosisStatus>;
  rank: number | null;
  onset_date: string | null;
  resolved_on: string | null;
  added_by: string;
  added_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  removed_by: string | null;
  removed_at: Date | null;
}

export type InsurancePriority = 'primary' | 'secondary' | 'tertiary';
export type SubscriberRelationship = 'self' | 'spouse' | 'child' | 'other';

export interface ClientInsuranceTable {
  /** Chosen by the application before the insert: it is bound into the sealed columns' AAD. */
  id: string;
  practice_id: ScopedPracticeId;
  client_id: string;
  priority: InsurancePriority;
  payer_name: string;
  payer_id: string | null;
  plan_name: string | null;
  member_id: Sealed;
  group_number: string | null;
  subscriber_relationship: SubscriberRelationship;
  subscriber_name: Sealed | null;
  /** An ISO date (YYYY-MM-DD), sealed. */
  subscriber_date_of_birth: Sealed | null;
  effective_from: string | null;
  effective_to: string | null;
  status: Generated<'active' | 'inactive'>;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}
