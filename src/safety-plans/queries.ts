import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import type { Sealed } from '../platform/db/schema.ts';

const HEADER_COLUMNS = [
  'p.id',
  'p.client_id',
  'p.author_id',
  'p.created_at',
  'p.supersedes_id',
  'p.professionals_prefilled',
  'next.id as superseded_by_id',
] as const;

function plans(tx: Tx) {
  return tx
    .selectFrom('safety_plans as p')
    .leftJoin('safety_plans as next', 'next.supersedes_id', 'p.id');
}

export async function selectPlan(tx: Tx, planId: string) {
  return plans(tx)
    .select([...HEADER_COLUMNS, 'p.contents_sealed'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

export type PlanRow = Awaited<ReturnType<typeof selectPlans>>[number];

/** A client's plans, newest first, each with the plan that superseded it (if any). */
export async function selectPlans(tx: Tx, clientId: string) {
  return plans(tx)
    .select(HEADER_COLUMNS)
    .where('p.client_id', '=', clientId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

export async function selectPlanClient(tx: Tx, planId: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('safety_plans')
    .select('client_id')
    .where('id', '=', planId)
    .executeTakeFirst();
  return row?.client_id;
}

/** The client's current plan: the one nothing supersedes. */
export async function selectCurrentPlanId(tx: Tx, clientId: string): Promise<string | undefined> {
  const row = await plans(tx)
    .select('p.id')
    .where('p.client_id', '=', clientId)
    .where('next.id', 'is', null)
    .executeTakeFirst();
  return row?.id;
}

export async function insertPlan(
  tx: Tx,
  values: {
    id: string;
    clientId: string;
    authorId: string;
    contentsSealed: Sealed;
    professionalsPrefilled: boolean;
    supersedesId: string | null;
  },
): Promise<Date> {
  const row = await tx
    .insertInto('safety_plans')
    .values({
      id: values.id,
      client_id: values.clientId,
      author_id: values.authorId,
      contents_sealed: values.contentsSealed,
      professionals_prefilled: values.professionalsPrefilled,
      supersedes_id: values.supersedesId,
    })
    .returning('created_at')
    .executeTakeFirstOrThrow();
  return row.created_at;
}

/** What a printed plan names: the client, their date of birth, the author, the practice's zone. */
export async function selectPrintFacts(tx: Tx, planId: string) {
  return tx
    .selectFrom('safety_plans as p')
    .innerJoin('clients as c', 'c.id', 'p.client_id')
    .innerJoin('users as u', 'u.id', 'p.author_id')
    .innerJoin('practices as pr', 'pr.id', 'p.practice_id')
    .select([
      sql<string>`coalesce(c.preferred_name, c.first_name) || ' ' || c.last_name`.as('client_name'),
      sql<string>`c.date_of_birth::text`.as('date_of_birth'),
      'u.name as author_name',
      'pr.time_zone',
    ])
    .where('p.id', '=', planId)
    .executeTakeFirstOrThrow();
}
