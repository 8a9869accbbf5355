import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { reachColumns, type ClientReach } from '../clients/service.ts';

export interface ChartParts {
  diagnoses: boolean;
  notes: boolean;
  safetyPlan: boolean;
}

export interface ChartRow extends ClientReach {
  client: Record<string, unknown> | null;
  diagnoses: unknown[] | null;
  appointments: unknown[];
  notes: unknown[] | null;
  safety_plan: Record<string, unknown> | null;
}

const none = sql`null`;

/**
 * The whole chart in one statement (one round trip, one plan), with the access decision's
 * facts: whether the client is in the caller's care or opened by break-glass. Every part is
 * read only when the caller may reach the client (`wholePractice`, or those facts), so a
 * refused chart reads nothing. The parts: the client, and — as the role may see them — active
 * diagnoses with their titles, the next five appointments, the five latest notes' headers
 * (never their text) and the current safety plan's header. Each part names its columns; parts
 * the role may not see are not queried. No row: no such client here.
 */
export async function selectChart(
  tx: Tx,
  clientId: string,
  caller: { userId: string; wholePractice: boolean },
  parts: ChartParts,
): Promise<ChartRow | undefined> {
  const diagnoses: RawBuilder<unknown> = parts.diagnoses
    ? sql`(select coalesce(json_agg(json_build_object(
              'id', d.id,
              'code', case when length(d.code) > 3
                           then substr(d.code, 1, 3) || '.' || substr(d.code, 4) else d.code end,
              'description', k.short_description,
              'rank', d.rank,
              'fiscalYear', d.fiscal_year)
            order by d.rank nulls last, d.added_at), '[]'::json)
         from client_diagnoses d
         left join icd10_codes k on k.fiscal_year = d.fiscal_year and k.code = d.code
        where d.client_id = q.id and d.status = 'active')`
    : none;
  const notes: RawBuilder<unknown> = parts.notes
    ? sql`(select coalesce(json_agg(n order by n."dateOfService" desc, n.created desc), '[]'::json)
         from (select n.id, n.template, n.status, n.date_of_service::text as "dateOfService",
                      json_build_object('id', u.id, 'name', u.name) as author,
                      n.signed_at as "signedAt", n.created_at as created
                 from notes n join users u on u.id = n.author_id
                where n.client_id = q.id
                order by n.date_of_service desc, n.created_at desc
                limit 5) n)`
    : none;
  const safetyPlan: RawBuilder<unknown> = parts.safetyPlan
    ? sql`(select json_build_object('id', s.id, 'createdAt', s.created_at)
         from safety_plans s
        where s.client_id = q.id
          and not exists (select 1 from safety_plans n where n.supersedes_id = s.id)
        order by s.created_at desc limit 1)`
    : none;
  const part = (query: RawBuilder<unknown>) =>
    sql`case when ${caller.wholePractice} or q.in_care or q.break_glass then ${query} end`;
  const client = sql`(select json_build_object(
                'id', c.id, 'firstName', c.first_name, 'lastName', c.last_name,
                'preferredName', c.preferred_name, 'pronouns', c.pronouns,
                'dateOfBirth', c.date_of_birth::text, 'email', c.email, 'phone', c.phone,
                'status', c.status,
                'clinicianIds', coalesce((select json_agg(cc.user_id order by cc.user_id)
                                            from client_clinicians cc
                                           where cc.client_id = c.id), '[]'::json))
         from clients c where c.id = q.id)`;
  // Bounded below by the start time, so the index on (client, start) is read from today on
  // rather than from the client's first session years ago.
  const appointments = sql`(select coalesce(json_agg(a order by a.start), '[]'::json)
         from (select a.id, a.start_at as start, a.end_at as "end", a.status, a.kind,
                      a.service_code as "serviceCode",
                      json_build_object('id', u.id, 'name', u.name) as clinician
                 from appointments a join users u on u.id = a.clinician_id
                where a.client_id = q.id and a.start_at > now() - interval '12 hours'
                  and a.end_at > now()
                  and a.status in ('scheduled', 'confirmed', 'arrived')
                order by a.start_at
                limit 5) a)`;
  const { rows } = await sql<ChartRow>`
    select q.in_care, q.break_glass,
      ${part(client)} as client,
      ${part(diagnoses)} as diagnoses,
      ${part(appointments)} as appointments,
      ${part(notes)} as notes,
      ${part(safetyPlan)} as safety_plan
      from (select c.id, ${reachColumns(caller.userId)} from clients c where c.id = ${clientId}) q`.execute(
    tx,
  );
  return rows[0];
}
