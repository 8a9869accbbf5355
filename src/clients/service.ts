import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import {
  audit,
  AuditWriteError,
  isAuditWriteFailure,
  type AuditContext,
} from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission, requirePermission } from '../auth/index.ts';
import { refuseReach, wholePractice, withClientAccess } from './access.ts';
import {
  insertClient,
  insertClinicians,
  replaceClinicians,
  selectClient,
  selectClinicianIds,
  selectClinicians,
  updateClient,
  type ClientRow,
} from './queries.ts';
import type { Client, ClientPatch, NewClient } from './schemas.ts';

// Other features reach one client's records through this door (see access.ts).
export {
  inReach,
  reachOf,
  refuseReach,
  withClientAccess,
  wholePractice,
  notYourClient,
  type ClientAccess,
  type Reach,
  type Target,
} from './access.ts';

function toClient(row: ClientRow, clinicianIds: string[]): Client {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    pronouns: row.pronouns,
    dateOfBirth: row.date_of_birth,
    email: row.email,
    phone: row.phone,
    address: row.address,
    emergencyContact: row.emergency_contact,
    status: row.status,
    clinicianIds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function checkBirthDate(date: string | undefined): void {
  if (date !== undefined && date > new Date().toISOString().slice(0, 10)) {
    throw AppError.badRequest(
      'The date of birth is in the future; check the year.',
      'invalid_date_of_birth',
    );
  }
}

/** What hearth_read_client (migration 0024) answers. */
type ReadRow =
  | { reach: 'missing' | 'denied' }
  | (Omit<ClientRow, 'created_at' | 'updated_at'> & {
      reach: 'practice' | 'care' | 'break_glass';
      created_at: string;
      updated_at: string;
      clinician_ids: string[];
    });

/**
 * Opens a client record through the one access rule, in one round trip: the database function
 * hearth_read_client decides the reach, records the read and reads the record in one
 * transaction (migration 0024, ADR 0021). A refusal is audited in a transaction of its own
 * (refuseReach); a read that cannot be audited is not answered (AuditWriteError, 503).
 */
export async function readClient(
  db: Database,
  actor: Actor,
  clientId: string,
  context: AuditContext,
): Promise<Client> {
  let row: ReadRow;
  try {
    const rows = await db.callInPractice<{ hearth_read_client: ReadRow }>(
      actor.practiceId,
      'hearth_read_client',
      [
        clientId,
        actor.userId,
        actor.role,
        wholePractice(actor),
        context.ip ?? null,
        context.userAgent ?? null,
        context.requestId ?? null,
      ],
    );
    row = rows[0]!.hearth_read_client;
  } catch (err) {
    throw isAuditWriteFailure(err) ? new AuditWriteError(actor.practiceId, err) : err;
  }
  if (!('id' in row)) return refuseReach(db, actor, context, 'client.read', clientId, row.reach);
  const { reach, clinician_ids, created_at, updated_at, ...record } = row;
  void reach;
  return toClient(
    { ...record, created_at: new Date(created_at), updated_at: new Date(updated_at) },
    clinician_ids,
  );
}

async function checkClinicians(
  tx: Parameters<Parameters<Database['withPractice']>[1]>[0],
  ids: string[],
): Promise<void> {
  const valid = await selectClinicians(tx, ids);
  if (valid.length !== ids.length) {
    throw AppError.badRequest(
      'Each assigned clinician must be an active admin, supervisor or associate of this practice.',
      'invalid_clinician',
    );
  }
}

export async function createClient(
  db: Database,
  actor: Actor,
  input: NewClient,
  context: AuditContext,
): Promise<Client> {
  // The route has checked for write:client:any or :own; which one shapes the care team.
  const canAny = hasPermission(actor.role, 'write:client:any');
  checkBirthDate(input.dateOfBirth);
  // A clinician who adds a client takes them into their own care.
  const clinicianIds = canAny
    ? (input.clinicianIds ?? [])
    : [...new Set([actor.userId, ...(input.clinicianIds ?? [])])];
  return db.withPractice(actor.practiceId, async (tx) => {
    await checkClinicians(tx, clinicianIds);
    const row = await insertClient(tx, {
      first_name: input.firstName.trim(),
      last_name: input.lastName.trim(),
      preferred_name: input.preferredName?.trim() ?? null,
      pronouns: input.pronouns ?? null,
      date_of_birth: input.dateOfBirth,
      email: input.email?.toLowerCase() ?? null,
      phone: input.phone ?? null,
      address: JSON.stringify(input.address ?? {}),
      emergency_contact: JSON.stringify(input.emergencyContact ?? {}),
    });
    await insertClinicians(tx, row.id, clinicianIds);
    await audit(tx, context, {
      action: 'client.create',
      subjectType: 'client',
      subjectId: row.id,
      clientId: row.id,
    });
    return toClient(row, [...clinicianIds].sort());
  });
}

const COLUMN: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  preferredName: 'preferred_name',
  pronouns: 'pronouns',
  dateOfBirth: 'date_of_birth',
  email: 'email',
  phone: 'phone',
  status: 'status',
};

export async function changeClient(
  db: Database,
  actor: Actor,
  clientId: string,
  patch: ClientPatch,
  context: AuditContext,
): Promise<Client> {
  // The route has checked for write:client:any or :own; assigning clinicians needs :any.
  if (patch.clinicianIds) {
    await requirePermission(db, actor, context, 'write:client:any', {
      clientId,
      message: 'Only an administrator or the front desk assigns clinicians.',
    });
  }
  checkBirthDate(patch.dateOfBirth);
  return withClientAccess(db, actor, clientId, context, 'client.update', async (tx) => {
    const set: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(COLUMN)) {
      if (key in patch) set[column] = (patch as Record<string, unknown>)[key];
    }
    if (patch.address) set.address = JSON.stringify(patch.address);
    if (patch.emergencyContact) set.emergency_contact = JSON.stringify(patch.emergencyContact);
    await updateClient(tx, clientId, set);
    if (patch.clinicianIds) {
      await checkClinicians(tx, patch.clinicianIds);
      await replaceClinicians(tx, clientId, patch.clinicianIds);
    }
    const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, true]));
    await audit(tx, context, {
      action: 'client.update',
      subjectType: 'client',
      subjectId: clientId,
      clientId,
      detail: changed,
    });
    const row = await selectClient(tx, clientId);
    return toClient(row!, await selectClinicianIds(tx, clientId));
  });
}
