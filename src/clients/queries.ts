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

/** The keys a page is ordered by before the name: none, the status's rank, or the clinician. */
export type ListSort = 'name' | 'status' | 'clinician';

// Active first; the rank rather than the word, which would sort "discharged" first.
const STATUS_RANK = sql<number>`(case clients.status when 'active' then 0 when 'inactive' then 1 else 2 end)`;
/** The leading sort keys of each order (then last name, first name, id). */
export const SORT_KEYS: Record<ListSort, RawBuilder<unknown>[]> = {
  name: [],
  status: [STATUS_RANK],
  // Unassigned clients last, whatever the collation makes of an empty name (fc: see below).
  clinician: [sql<number>`(fc.name is null)::int`, sql<string>`coalesce(fc.name, '')`],
};

// A client in several clinicians' care sorts under the first of them by name. One pass over
// the care links, joined by hash: a subquery per client made a sort of 4,000 clients take 1 s.
const FIRST_CLINICIANS = sql<{ client_id: string; name: string }>`(
  select distinct on (cc.client_id) cc.client_id, u.name
    from client_clinicians cc join users u on u.id = cc.user_id
   order by cc.client_id, u.name, u.id)`;

export async function selectClientPage(
  tx: Tx,
  /** The access rule as a filter (access.ts inReach): authorization is part of the query. */
  inReach: RawBuilder<boolean>,
  filter: {
    search?: string | undefined;
    status?: string | undefined;
    clinicianId?: string | undefined;
    sort: ListSort;
    /** Keyset position: the last row's sort keys, then its last name, first name and id. */
    after?: (string | number)[] | undefined;
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
  const sorted =
    filter.sort === 'clinician'
      ? (from.leftJoin(FIRST_CLINICIANS.as('fc'), (join) =>
          join.onRef('fc.client_id', '=', 'clients.id'),
        ) as unknown as typeof from)
      : from;
  let q = sorted
    .select([
      'clients.id',
      'clients.first_name',
      'clients.last_name',
      'clients.preferred_name',
      'clients.date_of_birth',
      'clients.status',
      'clients.phone',
      // Per row of the page only: the planner evaluates these after the sort and the limit.
      sql<{ id: string; name: string }[]>`(select coalesce(json_agg(json_build_object(
          'id', u.id, 'name', u.name) order by u.name, u.id), '[]'::json)
          from client_clinicians cc join users u on u.id = cc.user_id
         where cc.client_id = clients.id)`.as('clinicians'),
      // As the chart counts them (hearth_chart): one under way or still to come, not cancelled.
      sql<{ start: string; clinician: { id: string; name: string } } | null>`(select
          json_build_object('start', a.start_at, 'clinician',
                            json_build_object('id', u.id, 'name', u.name))
          from appointments a join users u on u.id = a.clinician_id
         where a.practice_id = clients.practice_id and a.client_id = clients.id
           and a.start_at > now() - interval '12 hours' and a.end_at > now()
           and a.status in ('scheduled', 'confirmed', 'arrived')
         order by a.start_at limit 1)`.as('next_appointment'),
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
  const keys = SORT_KEYS[filter.sort];
  const after = filter.after;
  if (after) {
    const columns = [...keys, sql`clients.last_name`, sql`clients.first_name`, sql`clients.id`];
    const values = after.map((v, i) => (i === after.length - 1 ? sql`${v}::uuid` : sql`${v}`));
    q = q.where(sql<boolean>`(${sql.join(columns)}) > (${sql.join(values)})`);
  }
  if (keys.length > 0) {
    for (const key of keys) q = q.orderBy(key);
    return q
      .orderBy('clients.last_name')
      .orderBy('clients.first_name')
      .orderBy('clients.id')
      .limit(limit)
      .execute();
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
