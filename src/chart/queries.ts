import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../platform/db/database.ts';

export interface ChartParts {
  diagnoses: boolean;
  notes: boolean;
  safetyPlan: boolean;
}

export interface ChartRow {
  client: Record<string, unknown> | null;
  diagnoses: unknown[] | null;
  appointments: unknown[];
  notes: unknown[] | null;
  safety_plan: Record<string, unknown> | null;
}

const none = sql`null`;

/**
 * The whole chart in one statement (one round trip, one plan): the client, and — as the role
 * may see them — active diagnoses with their titles, the next five appointments, the five
 * latest notes' headers (never their text) and the current safety plan's header. Each part
 * names its columns; parts the role may not see are not even queried.
 */
export async function selectChart(tx: Tx, clientId: string, parts: ChartParts): Promise<ChartRow> {
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
        where d.client_id = ${clientId} and d.status = 'active')`
    : none;
  const notes: RawBuilder<unknown> = parts.notes
    ? sql`(select coalesce(json_agg(n order by n."dateOfService" desc, n.created desc), '[]'::json)
         from (select n.id, n.template, n.status, n.date_of_service::text as "dateOfService",
                      json_build_object('id', u.id, 'name', u.name) as author,
                      n.signed_at as "signedAt", n.created_at as created
                 from notes n join users u on u.id = n.author_id
                where n.client_id = ${clientId}
                order by n.date_of_service desc, n.created_at desc
                limit 5) n)`
    : none;
  const safetyPlan: RawBuilder<unknown> = parts.safetyPlan
    ? sql`(select json_build_object('id', s.id, 'createdAt', s.created_at)
         from safety_plans s
        where s.client_id = ${clientId}
          and not exists (select 1 from safety_plans n where n.supersedes_id = s.id)
        order by s.created_at desc limit 1)`
    : none;
  const { rows } = await sql<ChartRow>`
    select
      (select json_build_object(
                'id', c.id, 'firstName', c.first_name, 'lastName', c.last_name,
                'preferredName', c.preferred_name, 'pronouns', c.pronouns,
                'dateOfBirth', c.date_of_birth::text, 'email', c.email, 'phone', c.phone,
                'status', c.status,
                'clinicianIds', coalesce((select json_agg(cc.user_id order by cc.user_id)
                                            from client_clinicians cc
                                           where cc.client_id = c.id), '[]'::json))
         from clients c where c.id = ${clientId}) as client,
      ${diagnoses} as diagnoses,
      (select coalesce(json_agg(a order by a.start), '[]'::json)
         from (select a.id, a.start_at as start, a.end_at as "end", a.status, a.kind,
                      a.service_code as "serviceCode",
                      json_build_object('id', u.id, 'name', u.name) as clinician
                 from appointments a join users u on u.id = a.clinician_id
                where a.client_id = ${clientId} and a.end_at > now()
                  and a.status in ('scheduled', 'confirmed', 'arrived')
                order by a.start_at
                limit 5) a) as appointments,
      ${notes} as notes,
      ${safetyPlan} as safety_plan`.execute(tx);
  return rows[0]!;
}
