import type { Database } from '../platform/db/database.ts';
import { audit } from '../platform/audit-trail/record.ts';

/**
 * Notes in every practice's audit trail that a new ICD-10-CM code set was loaded, so that a
 * practice can tell from its own trail which codes were valid when (diagnoses and claims
 * depend on them). After the load has committed: reference data, no PHI.
 */
export async function recordCodeSetLoaded(
  db: Database,
  load: { fiscalYear: number; source: 'bundled' | 'order_file'; sha256?: string },
): Promise<void> {
  const practices = await db.unscopedAcrossPractices(
    { job: 'icd10-code-set', reason: 'record a new ICD-10-CM code set in every practice trail' },
    (tx) => tx.selectFrom('practices').select('id').execute(),
  );
  for (const { id } of practices) {
    await db.withPractice(id, (tx) =>
      audit(
        tx,
        { actor: { type: 'system', job: 'icd10-code-set' } },
        {
          action: 'diagnosis.code_set.loaded',
          subjectType: 'icd10_code_set',
          subjectId: String(load.fiscalYear),
          detail: {
            fiscalYear: load.fiscalYear,
            source: load.source,
            ...(load.sha256 ? { sha256: load.sha256 } : {}),
          },
        },
      ),
    );
  }
}
