import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { ClientInsuranceTable } from '../platform/db/tables/diagnoses.ts';
import type { Insertable, Updateable } from 'kysely';

const POLICY_COLUMNS = [
  'id',
  'client_id',
  'priority',
  'payer_name',
  'payer_id',
  'plan_name',
  'member_id',
  'group_number',
  'subscriber_relationship',
  'subscriber_name',
  'subscriber_date_of_birth',
  'effective_from',
  'effective_to',
  'status',
  'created_at',
  'updated_at',
] as const;

/** A client's policies: active ones by priority, then inactive ones, newest first. */
export async function selectPolicies(tx: Tx, clientId: string) {
  return tx
    .selectFrom('client_insurance')
    .select(POLICY_COLUMNS)
    .where('client_id', '=', clientId)
    .orderBy(sql`status = 'active'`, 'desc')
    .orderBy(sql`array_position(array['primary', 'secondary', 'tertiary'], priority)`)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export type PolicyRow = Awaited<ReturnType<typeof selectPolicies>>[number];

export async function selectPolicy(tx: Tx, id: string): Promise<PolicyRow | undefined> {
  return tx
    .selectFrom('client_insurance')
    .select(POLICY_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Serialises changes to one client's policies, so that two people adding a primary policy at
 * once get one 201 and one 409 rather than a unique-index error.
 */
export async function lockClientPolicies(tx: Tx, clientId: string): Promise<void> {
  await tx.selectFrom('clients').select('id').where('id', '=', clientId).forNoKeyUpdate().execute();
}

/** Is `priority` held by another active policy of the client? */
export async function priorityTaken(
  tx: Tx,
  clientId: string,
  priority: string,
  exceptId?: string,
): Promise<boolean> {
  let q = tx
    .selectFrom('client_insurance')
    .select('id')
    .where('client_id', '=', clientId)
    .where('priority', '=', priority as 'primary')
    .where('status', '=', 'active');
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertPolicy(
  tx: Tx,
  values: Insertable<ClientInsuranceTable>,
): Promise<void> {
  await tx.insertInto('client_insurance').values(values).execute();
}

export async function updatePolicy(
  tx: Tx,
  id: string,
  set: Updateable<ClientInsuranceTable>,
): Promise<void> {
  await tx
    .updateTable('client_insurance')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deletePolicy(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('client_insurance').where('id', '=', id).execute();
}
