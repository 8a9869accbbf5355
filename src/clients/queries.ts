import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

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

/** One client's record. Reach is decided before (access.ts): this reads, it does not judge. */
export async function selectClient(tx: Tx, clientId: string) {
  return tx
    .selectFrom('clients')
    .select(CLIENT_COLUMNS)
    .where('clients.id', '=', clientId)
    .executeTakeFirst();
}

export type ClientRow = NonNullable<Awaited<ReturnType<typeof selectClient>>>;

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
  /** The access rule as a filter (access.ts inReach): authorization is part of the query. */
  inReach: RawBuilder<boolean>,
  filter: {
    search?: string | undefined;
    status?: string | undefined;
    clinicianId?: string | undefined;
    after?: [string, string, string] | undefined;
  },
  limit: number,
) {
  const search = filter.search;
  const clients = tx.selectFrom('clients');
  // A search reads its matches from the words index (migration 0022): a range, which row-level
  // security lets an index answer, unlike a LIKE. In name order and without duplicates, so a
  // page is the first matches that pass the other filters, not a sort of every match.
  const from = search
    ? (clients.innerJoin(
        sql<{ client_id: string; last_name: string; first_name: string }>`(
          select distinct on (w.last_name, w.first_name, w.client_id)
                 w.client_id, w.last_name, w.first_name
            from client_name_words w
           where w.words collate "C" >= hearth_fold(${search})
             and w.words collate "C" < hearth_fold(${search}) || chr(1114111)
           order by w.last_name, w.first_name, w.client_id)`.as('m'),
        (join) => join.onRef('m.client_id', '=', 'clients.id'),
      ) as unknown as typeof clients)
    : clients;
  let q = from
    .select([
      'clients.id',
      'clients.first_name',
      'clients.last_name',
      'clients.preferred_name',
      'clients.date_of_birth',
      'clients.status',
    ])
    .where(inReach);
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
  // The same keys either way; named from the matches when searching, whose order the plan keeps.
  const by = search ? 'm' : 'clients';
  return q
    .orderBy(sql.ref(`${by}.last_name`))
    .orderBy(sql.ref(`${by}.first_name`))
    .orderBy(sql.ref(search ? 'm.client_id' : 'clients.id'))
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
): Promise<ClientRow> {
  // The new record as a read would answer it, without a second statement to read it back.
  return tx
    .insertInto('clients')
    .values(values)
    .returning(CLIENT_COLUMNS.map((c) => c.slice('clients.'.length) as Unprefixed))
    .executeTakeFirstOrThrow();
}

type Unprefixed<C = (typeof CLIENT_COLUMNS)[number]> = C extends `clients.${infer N}` ? N : never;

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
  await insertClinicians(tx, clientId, userIds);
}

/** A new client's care team (nothing to replace yet). */
export async function insertClinicians(tx: Tx, clientId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insertInto('client_clinicians')
    .values(userIds.map((user_id) => ({ client_id: clientId, user_id })))
    .execute();
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
