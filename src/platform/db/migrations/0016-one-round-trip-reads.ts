import { APP_ROLE } from '../roles.ts';
import type { Migration } from '../migration.ts';

/**
 * The requests made most often answer in one round trip each (ADR 0017): a function called as
 * a single statement, which is its own transaction, enters the practice's scope itself and
 * then does every step with plans PL/pgSQL keeps per connection. On this machine a round
 * trip costs the server about 0.1 ms of CPU and PostgreSQL as much again, so a chart of five
 * round trips spent more on them than on reading.
 *
 * Each such function begins with hearth_enter_practice(practice) — a test checks that every
 * one does — and is executable only by its owner, the connecting role, which may switch to the
 * app role. Everything after that line runs as the app role, under forced row-level security.
 */
export const migration: Migration = {
  version: 16,
  name: 'one-round-trip-reads',
  statements: [
    // What Database.withPractice does with its first statement, for a function's first line.
    `create function hearth_enter_practice(p_practice uuid) returns void
       language plpgsql volatile security invoker
       as $$
       begin
         if p_practice is null then
           raise exception 'a practice scope needs a practice id';
         end if;
         perform set_config('role', '${APP_ROLE}', true),
                 set_config('app.practice_id', p_practice::text, true);
       end
       $$`,
    `revoke all on function hearth_enter_practice(uuid) from public`,

    // Every foreign key checked on insert locks the row it points to (FOR KEY SHARE): each
    // audit row locked its practice's row twice, so every audited request of a practice queued
    // on one row (measured: 16 % of an audit insert's cost at 16 connections). The practice is
    // fixed by row-level security instead — an event's practice_id must equal its transaction's
    // scope (with check) — and the queue row is written by the statement that writes its event.
    // And an audit trail must be able to outlive its practice (HIPAA keeps it six years).
    `alter table audit_events drop constraint audit_events_practice_id_fkey`,
    `alter table audit_pending drop constraint audit_pending_practice_id_fkey`,
    `alter table audit_pending drop constraint audit_pending_event_id_fkey`,

    // The audit row and its place in the sealing queue: the one way an event is written, from
    // audit() in TypeScript and from the functions here alike.
    `create function hearth_audit_event(
         p_actor_type text, p_actor_user_id uuid, p_actor_role text, p_actor_label text,
         p_action text, p_subject_type text, p_subject_id text, p_client_id uuid,
         p_outcome text, p_ip text, p_user_agent text, p_request_id text, p_detail jsonb)
       returns void
       language plpgsql volatile security invoker
       as $$
       begin
         with event as (
           insert into audit_events (actor_type, actor_user_id, actor_role, actor_label, action,
                                     subject_type, subject_id, client_id, outcome, ip,
                                     user_agent, request_id, detail)
           values (p_actor_type, p_actor_user_id, p_actor_role, p_actor_label, p_action,
                   p_subject_type, p_subject_id, p_client_id, p_outcome, p_ip,
                   left(p_user_agent, 256), p_request_id, p_detail)
           returning id)
         insert into audit_pending (event_id) select id from event;
       end
       $$`,
    `revoke all on function hearth_audit_event(text, uuid, text, text, text, text, text, uuid,
       text, text, text, text, jsonb) from public`,
    `grant execute on function hearth_audit_event(text, uuid, text, text, text, text, text, uuid,
       text, text, text, text, jsonb) to ${APP_ROLE}`,

    // The session check of every request (hearth_session_state, migration 0010) with its scope.
    // Its columns as SessionState names them (src/auth/queries.ts), so rows need no renaming.
    `create function hearth_session_check(p_practice uuid, p_token bytea, p_address inet)
       returns table (id uuid, user_id uuid, mfa_pending boolean, role text,
                      user_status text, practice_status text, revoked boolean, expired boolean,
                      idle boolean, address_allowed boolean)
       language plpgsql volatile security invoker
       as $$
       begin
         perform hearth_enter_practice(p_practice);
         return query select * from hearth_session_state(p_token, p_address);
       end
       $$`,
    `revoke all on function hearth_session_check(uuid, bytea, inet) from public`,

    // A client's chart (src/chart): decides whether the viewer reaches the client — the whole
    // practice; or their own care, or an open break-glass grant — and, only then, records the
    // read and reads the parts the viewer's role may see. Each part names its columns; notes
    // give their headers, never their text. Answers { reach: 'missing' } for no such client
    // here, { reach: 'denied' } for one out of reach (nothing read, nothing recorded: the
    // caller records the refusal in a transaction of its own), or the chart with reach 'care'
    // or 'break_glass'.
    `create function hearth_chart(
         p_practice uuid, p_client uuid, p_viewer uuid, p_viewer_role text,
         p_whole_practice boolean, p_own_care boolean,
         p_diagnoses boolean, p_notes boolean, p_safety_plan boolean,
         p_ip text, p_user_agent text, p_request_id text)
       returns json
       language plpgsql volatile security invoker
       as $$
       declare
         v_in_care boolean;
         v_break_glass boolean;
         v_reach text;
       begin
         perform hearth_enter_practice(p_practice);
         select exists (select 1 from client_clinicians cc
                         where cc.client_id = c.id and cc.user_id = p_viewer),
                exists (select 1 from break_glass_grants g
                         where g.client_id = c.id and g.user_id = p_viewer
                           and g.expires_at > now())
           into v_in_care, v_break_glass
           from clients c where c.id = p_client;
         if not found then
           return json_build_object('reach', 'missing');
         end if;
         if not (p_whole_practice or (p_own_care and (v_in_care or v_break_glass))) then
           return json_build_object('reach', 'denied');
         end if;
         v_reach := case when p_whole_practice or v_in_care then 'care' else 'break_glass' end;
         perform hearth_audit_event('user', p_viewer, p_viewer_role, null, 'client.read',
           'client', p_client::text, p_client, 'success', p_ip, p_user_agent, p_request_id,
           case when v_reach = 'break_glass'
                then '{"view": "chart", "breakGlass": true}'::jsonb
                else '{"view": "chart"}'::jsonb end);
         return json_build_object(
           'reach', v_reach,
           'client', (select json_build_object(
                'id', c.id, 'firstName', c.first_name, 'lastName', c.last_name,
                'preferredName', c.preferred_name, 'pronouns', c.pronouns,
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
           -- Bounded below by the start time, so the index on (client, start) is read from
           -- today on rather than from the client's first session years ago.
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
