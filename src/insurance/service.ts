import { randomUUID } from 'node:crypto';
import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import type { FieldCipher, Sealed } from '../platform/crypto/field.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { withClientAccess } from '../clients/index.ts';
import {
  insertPolicy,
  lockClientPolicies,
  priorityTaken,
  selectPolicies,
  selectPolicy,
  type PolicyRow,
} from './queries.ts';
import type { NewPolicy, Policy } from './schemas.ts';

export type SealedColumn = 'member_id' | 'subscriber_name' | 'subscriber_date_of_birth';

/** Where a sealed value lives: bound into its AAD, so it opens only in this row and column. */
export const sealedAt = (rowId: string, column: SealedColumn) => ({
  table: 'client_insurance',
  column,
  rowId,
});

export async function toPolicy(tx: Tx, fields: FieldCipher, row: PolicyRow): Promise<Policy> {
  const open = (column: SealedColumn, value: Sealed | null) =>
    value === null ? null : fields.open(tx, sealedAt(row.id, column), value);
  return {
    id: row.id,
    clientId: row.client_id,
    priority: row.priority,
    payerName: row.payer_name,
    payerId: row.payer_id,
    planName: row.plan_name,
    memberId: (await open('member_id', row.member_id))!,
    groupNumber: row.group_number,
    subscriberRelationship: row.subscriber_relationship,
    subscriberName: await open('subscriber_name', row.subscriber_name),
    subscriberDateOfBirth: await open('subscriber_date_of_birth', row.subscriber_date_of_birth),
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The subscriber is the client (self), or someone whose name and birth date the payer needs. */
export function checkSubscriber(s: {
  relationship: string;
  hasName: boolean;
  hasBirthDate: boolean;
  birthDate?: string | null | undefined;
}): void {
  if (s.relationship === 'self' && (s.hasName || s.hasBirthDate)) {
    throw AppError.badRequest(
      "When the client holds the policy (relationship self), leave the subscriber's name and date of birth out.",
      'invalid_subscriber',
    );
  }
  if (s.relationship !== 'self' && !(s.hasName && s.hasBirthDate)) {
    throw AppError.badRequest(
      "A policy held by someone else (spouse, parent, other) needs the subscriber's name and date of birth.",
      'invalid_subscriber',
    );
  }
  if (s.birthDate && s.birthDate > new Date().toISOString().slice(0, 10)) {
    throw AppError.badRequest(
      "The subscriber's date of birth is in the future; check the year.",
      'invalid_date',
    );
  }
}

export function checkPeriod(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && to < from) {
    throw AppError.badRequest('The policy ends before it starts; check the dates.', 'invalid_date');
  }
}

export const priorityConflict = (priority: string) =>
  AppError.conflict(
    `This client already has an active ${priority} policy: make it inactive first, or choose another priority.`,
    'priority_taken',
  );

/** A client's insurance: member ids and subscribers are PHI, so every read is audited. */
export async function listPolicies(
  db: Database,
  fields: FieldCipher,
  actor: Actor,
  clientId: string,
  context: AuditContext,
) {
  return withClientAccess(db, actor, clientId, context, 'insurance.read', async (tx) => {
    const rows = await selectPolicies(tx, clientId);
    await audit(tx, context, {
      action: 'insurance.read',
      subjectType: 'client',
      subjectId: clientId,
      clientId,
      detail: { count: rows.length },
    });
    const items: Policy[] = [];
    for (const row of rows) items.push(await toPolicy(tx, fields, row));
    return { items, nextCursor: null };
  });
}

/** Adds a policy; one active policy per priority (primary, secondary, tertiary). */
export async function addPolicy(
  db: Database,
  fields: FieldCipher,
  actor: Actor,
  clientId: string,
  input: NewPolicy,
  context: AuditContext,
): Promise<Policy> {
  const relationship = input.subscriberRelationship ?? 'self';
  checkSubscriber({
    relationship,
    hasName: Boolean(input.subscriberName),
    hasBirthDate: Boolean(input.subscriberDateOfBirth),
    birthDate: input.subscriberDateOfBirth,
  });
  checkPeriod(input.effectiveFrom, input.effectiveTo);
  return withClientAccess(db, actor, clientId, context, 'insurance.create', async (tx) => {
    await lockClientPolicies(tx, clientId);
    if (await priorityTaken(tx, clientId, input.priority)) throw priorityConflict(input.priority);
    // The id is chosen here: it is bound into the sealed values' AAD before the row exists.
    const id = randomUUID();
    const seal = (column: SealedColumn, value: string) =>
      fields.seal(tx, sealedAt(id, column), value);
    await insertPolicy(tx, {
      id,
      client_id: clientId,
      priority: input.priority,
      payer_name: input.payerName.trim(),
      payer_id: input.payerId ?? null,
      plan_name: input.planName?.trim() ?? null,
      member_id: await seal('member_id', input.memberId.trim()),
      group_number: input.groupNumber ?? null,
      subscriber_relationship: relationship,
      subscriber_name: input.subscriberName
        ? await seal('subscriber_name', input.subscriberName.trim())
        : null,
      subscriber_date_of_birth: input.subscriberDateOfBirth
        ? await seal('subscriber_date_of_birth', input.subscriberDateOfBirth)
        : null,
      effective_from: input.effectiveFrom ?? null,
      effective_to: input.effectiveTo ?? null,
      created_by: actor.userId,
    });
    await audit(tx, context, {
      action: 'insurance.create',
      subjectType: 'insurance',
      subjectId: id,
      clientId,
      detail: { priority: input.priority },
    });
    return toPolicy(tx, fields, (await selectPolicy(tx, id))!);
  });
}
