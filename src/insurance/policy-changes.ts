import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import type { FieldCipher } from '../platform/crypto/field.ts';
import type { ClientInsuranceTable } from '../platform/db/tables/diagnoses.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { AuditAction } from '../platform/audit-trail/actions.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { withClientAccess } from '../clients/index.ts';
import type { Updateable } from 'kysely';
import {
  deletePolicy,
  lockClientPolicies,
  priorityTaken,
  selectPolicy,
  updatePolicy,
  type PolicyRow,
} from './queries.ts';
import type { Policy, PolicyPatch } from './schemas.ts';
import {
  checkPeriod,
  checkSubscriber,
  priorityConflict,
  sealedAt,
  toPolicy,
  type SealedColumn,
} from './service.ts';

const noSuchPolicy = () => AppError.notFound('There is no such insurance policy.');

/** Runs `fn` on one policy through its client's door; another practice's is a 404. */
async function withPolicy<T>(
  db: Database,
  actor: Actor,
  id: string,
  context: AuditContext,
  action: AuditAction,
  fn: (tx: Tx, row: PolicyRow) => Promise<T>,
): Promise<T> {
  const found = await db.withPractice(actor.practiceId, (tx) => selectPolicy(tx, id));
  if (!found) throw noSuchPolicy();
  return withClientAccess(db, actor, found.client_id, context, action, async (tx) => {
    await lockClientPolicies(tx, found.client_id);
    const row = await selectPolicy(tx, id);
    if (!row) throw noSuchPolicy();
    return fn(tx, row);
  });
}

/** The subscriber fields after `patch`: choosing `self` clears the name and birth date. */
function subscriberAfter(row: PolicyRow, patch: PolicyPatch) {
  const relationship = patch.subscriberRelationship ?? row.subscriber_relationship;
  const clears = patch.subscriberRelationship === 'self';
  const name = 'subscriberName' in patch ? patch.subscriberName : clears ? null : undefined;
  const birth =
    'subscriberDateOfBirth' in patch ? patch.subscriberDateOfBirth : clears ? null : undefined;
  checkSubscriber({
    relationship,
    hasName: name === undefined ? row.subscriber_name !== null : Boolean(name),
    hasBirthDate: birth === undefined ? row.subscriber_date_of_birth !== null : Boolean(birth),
    birthDate: birth,
  });
  return { relationship, name, birth };
}

/** Changes a policy's details, or makes it inactive (`{ status: "inactive" }`) or active again. */
export async function changePolicy(
  db: Database,
  fields: FieldCipher,
  actor: Actor,
  id: string,
  patch: PolicyPatch,
  context: AuditContext,
): Promise<Policy> {
  return withPolicy(db, actor, id, context, 'insurance.update', async (tx, row) => {
    const subscriber = subscriberAfter(row, patch);
    const from = 'effectiveFrom' in patch ? patch.effectiveFrom : row.effective_from;
    const to = 'effectiveTo' in patch ? patch.effectiveTo : row.effective_to;
    checkPeriod(from, to);
    const priority = patch.priority ?? row.priority;
    const status = patch.status ?? row.status;
    if (status === 'active' && (await priorityTaken(tx, row.client_id, priority, row.id))) {
      throw priorityConflict(priority);
    }
    const seal = (column: SealedColumn, value: string | null | undefined) =>
      value ? fields.seal(tx, sealedAt(row.id, column), value.trim()) : null;
    const set: Updateable<ClientInsuranceTable> = {
      priority,
      status,
      subscriber_relationship: subscriber.relationship,
      effective_from: from ?? null,
      effective_to: to ?? null,
    };
    if (patch.payerName !== undefined) set.payer_name = patch.payerName.trim();
    if (patch.payerId !== undefined) set.payer_id = patch.payerId;
    if (patch.planName !== undefined) set.plan_name = patch.planName?.trim() ?? null;
    if (patch.groupNumber !== undefined) set.group_number = patch.groupNumber;
    if (patch.memberId !== undefined) set.member_id = (await seal('member_id', patch.memberId))!;
    if (subscriber.name !== undefined)
      set.subscriber_name = await seal('subscriber_name', subscriber.name);
    if (subscriber.birth !== undefined)
      set.subscriber_date_of_birth = await seal('subscriber_date_of_birth', subscriber.birth);
    await updatePolicy(tx, row.id, set);
    await audit(tx, context, {
      action: 'insurance.update',
      subjectType: 'insurance',
      subjectId: row.id,
      clientId: row.client_id,
      detail: Object.fromEntries(Object.keys(patch).map((k) => [k, true])),
    });
    return toPolicy(tx, fields, (await selectPolicy(tx, row.id))!);
  });
}

/** Deletes a policy entered in error (an ended one is made inactive instead). */
export async function removePolicy(
  db: Database,
  actor: Actor,
  id: string,
  context: AuditContext,
): Promise<void> {
  await withPolicy(db, actor, id, context, 'insurance.delete', async (tx, row) => {
    await deletePolicy(tx, row.id);
    await audit(tx, context, {
      action: 'insurance.delete',
      subjectType: 'insurance',
      subjectId: row.id,
      clientId: row.client_id,
      detail: { priority: row.priority },
    });
  });
}
