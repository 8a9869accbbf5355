import { APP_ROLE } from '../roles.ts';
import type { Migration } from '../migration.ts';

/**
 * The one access rule (ADR 0018, docs/permissions.md), stated once, in the database, where the
 * door of every client-scoped action (src/clients/access.ts), every list's filter and the chart
 * (hearth_chart) all read it. Before, it was written five times and one copy was missing
 * (unlocking a note checked nothing).
 *
 * Two functions, because the planner needs two shapes of the same rule:
 * - hearth_ties(viewer): the viewer's ties to records — each client in their care, each author
 *   they supervise, each client opened by an unexpired break-glass grant. `language sql stable`
 *   with one statement, so the planner inlines it: a list filters with
 *   `client_id in (select client_id from hearth_ties($viewer))`, a semi-join driven by the
 *   (practice, user) indexes, never a function call per row.
 * - hearth_reach(viewer, whole practice, client, author, holder): how one record is reached —
 *   'practice', 'care', 'supervision' or 'break_glass' — or null. PL/pgSQL: its one statement's
 *   plan is kept per connection (a scalar SQL function that reads tables is never inlined and
 *   was planned anew on every call: 0.7 ms against 0.1 ms, measured here).
 *
 * Both are security invoker: they run as the app role, under row-level security, and see only
 * the practice in scope.
 */
export const migration: Migration = {
  version: 19,
  name: 'one-access-rule',
  statements: [
    `create function hearth_ties(p_viewer uuid)
       returns table (client_id uuid, author_id uuid, reach text)
       language sql stable security invoker
       as $$
         select cc.client_id, null::uuid, 'care'::text
           from client_clinicians cc
          where cc.user_id = p_viewer
         union all
         select null::uuid, u.id, 'supervision'::text
           from users u
          where u.supervisor_id = p_viewer and u.id <> p_viewer
         union all
         select g.client_id, null::uuid, 'break_glass'::text
           from break_glass_grants g
          where g.user_id = p_viewer and g.expires_at > now()
       $$`,
    `revoke all on function hearth_ties(uuid) from public`,
    `grant execute on function hearth_ties(uuid) to ${APP_ROLE}`,

    // The rule. The whole-practice flag and the author come from the viewer's role (the caller
    // passes the author only to roles that read their supervisees' notes); the holder is the
    // clinician an appointment is booked with, who reaches it whoever the client is. Care comes
    // before supervision before break-glass, so an audit row says break-glass only when nothing
    // else opened the record.
    `create function hearth_reach(p_viewer uuid, p_whole_practice boolean, p_client uuid,
                                  p_author uuid default null, p_holder uuid default null)
       returns text
       language plpgsql stable security invoker
       as $$
       begin
         if p_whole_practice then
           return 'practice';
         end if;
         if p_holder = p_viewer then
           return 'care';
         end if;
         return (select t.reach
                   from hearth_ties(p_viewer) t
                  where t.client_id = p_client or t.author_id = p_author
                  order by case t.reach when 'care' then 1 when 'supervision' then 2 else 3 end
                  limit 1);
       end
       $$`,
    `revoke all on function hearth_reach(uuid, boolean, uuid, uuid, uuid) from public`,
    `grant execute on function hearth_reach(uuid, boolean, uuid, uuid, uuid) to ${APP_ROLE}`,

    // The chart (migration 0016, ADR 0017) through the same rule, and with the biller's client
    // as the biller's client view has it: no pronouns (src/clients/views.ts). p_pronouns takes
    // the place of p_own_care, which the rule no longer needs.
    `drop function hearth_chart(uuid, uuid, uuid, text, boolean, boolean, boolean, boolean,
       boolean, text, text, text)`,
    `create function hearth_chart(
         p_practice uuid, p_client uuid, p_viewer uuid, p_viewer_role text,
         p_whole_practice boolean, p_pronouns boolean,
         p_diagnoses boolean, p_notes boolean, p_safety_plan boolean,
         p_ip text, p_user_agent text, p_request_id text)
       returns json
       language plpgsql volatile security invoker
       as $$
       declare
         v_reach text;
       begin
         perform hearth_enter_practice(p_practice);
         perform 1 from clients c where c.id = p_client;
         if not found then
           return json_build_object('reach', 'missing');
         end if;
         v_reach := hearth_reach(p_viewer, p_whole_practice, p_client);
         if v_reach is null then
           return json_build_object('reach', 'denied');
         end if;
         perform hearth_audit_event('user', p_viewer, p_viewer_role, null, 'client.read',
           'client', p_client::text, p_client, 'success', p_ip, p_user_agent, p_request_id,
           case when v_reach = 'break_glass'
                then '{"view": "chart", "breakGlass": true}'::jsonb
                else '{"view": "chart"}'::jsonb end);
         return json_build_object(
           'reach', v_reach,
           'client', (select json_build_object(
                'id', c.id, 'firstName', c.first_name, 'lastName', c.last_name,
                'preferredName', c.preferred_name,
                'pronouns', case when p_pronouns then c.pronouns end,
                'dateOfBirth', c.date_of_birth::text, 'email', c.email, 'phone', c.phone,
                'status', c.status,
                'clinicianIds', coalesce((select json_agg(cc.user_id order by cc.user_id)
                                            from client_clinicians cc
                                           where cc.client_id = c.id), '[]'::json))
              from clients c where c.id = p_client),
           'diagnoses', case when p_diagnoses then
             (select coalesce(json_agg(json_build_object(
                  'id', d.id,
                  'code', case when length(d.code) > 3
                               then substr(d.code, 1, 3) || '.' || substr(d.code, 4) else d.code end,
                  'description', k.short_description,
                  'rank', d.rank,
                  'fiscalYear', d.fiscal_year)
                order by d.rank nulls last, d.added_at), '[]'::json)
               from client_diagnoses d
               left join icd10_codes k on k.fiscal_year = d.fiscal_year and k.code = d.code
              where d.client_id = p_client and d.status = 'active') end,
           'appointments',
             (select coalesce(json_agg(a order by a.start), '[]'::json)
                from (select a.id, a.start_at as start, a.end_at as "end", a.status, a.kind,
                             a.service_code as "serviceCode",
                             json_build_object('id', u.id, 'name', u.name) as clinician
                        from appointments a join users u on u.id = a.clinician_id
                       where a.client_id = p_client and a.start_at > now() - interval '12 hours'
                         and a.end_at > now()
                         and a.status in ('scheduled', 'confirmed', 'arrived')
                       order by a.start_at
                       limit 5) a),
           'notes', case when p_notes then
             (select coalesce(json_agg(n order by n."dateOfService" desc, n.created desc), '[]'::json)
                from (select n.id, n.template, n.status, n.date_of_service::text as "dateOfService",
                             json_build_object('id', u.id, 'name', u.name) as author,
                             n.signed_at as "signedAt", n.created_at as created
                        from notes n join users u on u.id = n.author_id
                       where n.client_id = p_client
                       order by n.date_of_service desc, n.created_at desc
                       limit 5) n) end,
           'safetyPlan', case when p_safety_plan then
             (select json_build_object('id', s.id, 'createdAt', s.created_at)
                from safety_plans s
               where s.client_id = p_client
                 and not exists (select 1 from safety_plans n where n.supersedes_id = s.id)
               order by s.created_at desc limit 1) end);
       end
       $$`,
    `revoke all on function hearth_chart(uuid, uuid, uuid, text, boolean, boolean, boolean,
       boolean, boolean, text, text, text) from public`,
  ],
};
