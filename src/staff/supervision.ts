import { AppError } from '../platform/errors.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';
import { hasPermission } from '../auth/index.ts';

const CLINICAL: readonly Role[] = ['admin', 'supervisor', 'associate'];

/**
 * A supervisor co-signs and may read their supervisee's notes, so only an active colleague
 * who holds `cosign:note:supervisee` can be one, and only a clinician has one. (The database
 * also keeps the two in one practice: migration 0013.)
 */
export async function checkSupervisor(
  tx: Tx,
  change: { userId: string; role: Role; supervisorId: string },
): Promise<void> {
  if (change.supervisorId === change.userId) {
    throw AppError.badRequest('Nobody can be their own supervisor.', 'invalid_supervisor');
  }
  if (!CLINICAL.includes(change.role)) {
    throw AppError.badRequest(
      'Only clinicians (associates, supervisors, administrators) have a clinical supervisor.',
      'invalid_supervisor',
    );
  }
  const supervisor = await tx
    .selectFrom('users')
    .select(['role', 'status'])
    .where('id', '=', change.supervisorId)
    .executeTakeFirst();
  if (
    !supervisor ||
    supervisor.status !== 'active' ||
    !hasPermission(supervisor.role, 'cosign:note:supervisee')
  ) {
    throw AppError.badRequest(
      'The supervisor must be an active supervisor or administrator of this practice.',
      'invalid_supervisor',
    );
  }
}
