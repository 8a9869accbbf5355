import { AppError } from '../../platform/errors.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { isClinician, selectClinicians } from './availability-queries.ts';

/** The practice's clinicians, for pickers: no client data. */
export async function listClinicians(db: Database, actor: Actor) {
  const rows = await db.withPractice(actor.practiceId, (tx) => selectClinicians(tx));
  return { items: rows.map((r) => ({ id: r.id, name: r.name, role: r.role })), nextCursor: null };
}

/** A clinician named in a path: unknown, inactive, not clinical or another practice's → 404. */
export async function requireClinician(tx: Tx, clinicianId: string): Promise<void> {
  if (!(await isClinician(tx, clinicianId))) {
    throw AppError.notFound('There is no such clinician in this practice.', 'no_such_clinician');
  }
}

/** A clinician named in a body: the same test, answered as bad input. */
export async function checkClinician(tx: Tx, clinicianId: string): Promise<void> {
  if (!(await isClinician(tx, clinicianId))) {
    throw AppError.badRequest(
      'The clinician must be an active admin, supervisor or associate of this practice.',
      'invalid_clinician',
    );
  }
}
