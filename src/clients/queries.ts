import { sql, type ExpressionBuilder } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { DB } from '../platform/db/schema.ts';

/** Whose clients a caller may see: all of the practice's, or those in their care (plus break-glass). */
export type ClientScope = { kind: 'any' } | { kind: 'own'; userId: string };

const CLIENT_COLUMNS = [
  'clients.id',
  'clients.first_name',
  'clients.last_name',
  'clients.preferred_name',
  'clients.pronouns',
  'clients.date_of_birth',
  'clients.email',
  'clients.phone',
  'clients.address',
  'clients.emergency_contact',
  'clients.status',
  'clients.created_at',
  'clients.updated_at',
] as const;

/** Authorization as part of the query: a clinician's rows are those in their care, or opened by break-glass. */
function inScope(scope: ClientScope) {
  return (eb: ExpressionBuilder<DB, 'clients'>) =>
    scope.kind === 'any'
      ? eb.val(true)
      : eb.or([
          eb.exists(
            eb
              .selectFrom('client_clinicians')
              .select('client_clinicians.user_id')
              .whereRef('client_clinicians.client_id', '=', 'clients.id')
              .where('client_clinicians.user_id', '=', scope.userId),
          ),
          eb.exists(
            eb
              .selectFrom('break_glass_grants')
              .select('break_glass_grants.id')
              .whereRef('break_glass_grants.client_id', '=', 'clients.id')
              .where('break_glass_grants.user_id', '=', scope.userId)
              .where('break_glass_grants.expires_at', '>', sql<Date>`now()`),
          ),
        ]);
}

export async function selectClient(tx: Tx, scope: ClientScope, clientId: string) {
  return tx
    .selectFrom('clients')
    .select(CLIENT_COLUMNS)
    .where('clients.id', '=', clientId)
    .where(inScope(scope))
    .executeTakeFirst();
}

export type ClientRow = NonNullable<Awaited<ReturnType<typeof selectClient>>>;

export async function clientExists(tx: Tx, clientId: string): Promise<boolean> {
  return (
    (await tx.selectFrom('clients').select('id').where('id', '=', clientId).executeTakeFirst()) !==
    undefined
  );
}

export async function selectClinicianIds(tx: Tx, clientId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('client_clinicians')
    .select('user_id')
    .where('client_id', '=', clientId)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function selectClientPage(
  tx: Tx,
  scope: ClientScope,
  filter: {
    search?: string | undefined;
    status?: string | undefined;
    clinicianId?: string | undefined;
    after?: [string, string, string] | undefined;
  },
  limit: number,
) {
  let q = tx
    .selectFrom('clients')
    .select([
      'clients.id',
      'clients.first_name',
      'clients.last_name',
      'clients.preferred_name',
      'clients.date_of_birth',
      'clients.status',
    ])
    .where(inScope(scope));
  if (filter.search) {
    // Word-prefix, case- and accent-insensitive: ' ann' matches 'Ann', 'Anne', 'Ánna'.
    const pattern = sql<string>`'% ' || replace(replace(replace(hearth_fold(${filter.search}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
    q = q.where(sql<boolean>`clients.search_name like ${pattern}`);
  }
  if (filter.status) q = q.where('clients.status', '=', filter.status as 'active');
  const clinicianId = filter.clinicianId;
  if (clinicianId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('client_clinicians')
          .select('client_clinicians.user_id')
          .whereRef('client_clinicians.client_id', '=', 'clients.id')
          .where('client_clinicians.user_id', '=', clinicianId),
      ),
    );
  }
  const after = filter.after;
  if (after) {
    q = q.where(
      sql<boolean>`(clients.last_name, clients.first_name, clients.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)`,
    );
  }
  return q
    .orderBy('clients.last_name')
    .orderBy('clients.first_name')
    .orderBy('clients.id')
    .limit(limit)
    .execute();
}

export async function insertClient(
  tx: Tx,
  values: {
    first_name: string;
    last_name: string;
    preferred_name: string | null;
    pronouns: string | null;
    date_of_birth: string;
    email: string | null;
    phone: string | null;
    address: string;
    emergency_contact: string;
  },
): Promise<string> {
  const row = await tx
    .insertInto('clients')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateClient(
  tx: Tx,
  clientId: string,
  set: Record<string, unknown>,
): Promise<void> {
  await tx
    .updateTable('clients')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', clientId)
    .execute();
}

export async function replaceClinicians(
  tx: Tx,
  clientId: string,
  userIds: string[],
): Promise<void> {
  await tx.deleteFrom('client_clinicians').where('client_id', '=', clientId).execute();
  if (userIds.length > 0) {
    await tx
      .insertInto('client_clinicians')
      .values(userIds.map((user_id) => ({ client_id: clientId, user_id })))
      .execute();
  }
}

/** The subset of ids that are active clinicians of the practice (admins may carry caseloads). */
export async function selectClinicians(tx: Tx, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .selectFrom('users')
    .select('id')
    .where('id', 'in', userIds)
    .where('status', '=', 'active')
    .where('role', 'in', ['admin', 'supervisor', 'associate'])
    .execute();
  return rows.map((r) => r.id);
}
