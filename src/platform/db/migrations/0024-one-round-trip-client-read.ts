import type { Migration } from '../migration.ts';

/**
 * Opening a client record in one round trip (issue 23, ADR 0017's pattern, as the chart already
 * is): the reach by the one access rule, the record, its clinicians and the audit row of the
 * read, in one statement and so one transaction. It was seven round trips after the session
 * check — begin and scope, the reach, the record, its clinicians, the audit row, commit — and
 * each a send in the server and a wake-up of a PostgreSQL backend: a third of the server's CPU
 * on a read (bench/README.md, "Where a read's CPU goes").
 *
 * Answers { reach: 'missing' } for no such client here, { reach: 'denied' } for one out of reach
 * (nothing read, nothing recorded: the caller records the refusal in a transaction of its own),
 * or the record with how it was reached. Every column is answered; which of them a role
 * receives is decided by the caller's view (src/clients/views.ts) and the route's schema.
 */
export const migration: Migration = {
  version: 24,
  name: 'one-round-trip-client-read',
  statements: [
    `create function hearth_read_client(
         p_practice uuid, p_client uuid, p_viewer uuid, p_viewer_role text,
         p_whole_practice boolean, p_ip text, p_user_agent text, p_request_id text)
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
           case when v_reach = 'break_glass' then '{"breakGlass": true}'::jsonb
                else '{}'::jsonb end);
         return (select json_build_object(
             'reach', v_reach,
             'id', c.id, 'first_name', c.first_name, 'last_name', c.last_name,
             'preferred_name', c.preferred_name, 'pronouns', c.pronouns,
             'date_of_birth', c.date_of_birth::text, 'email', c.email, 'phone', c.phone,
             'address', c.address, 'emergency_contact', c.emergency_contact,
             'status', c.status, 'created_at', c.created_at, 'updated_at', c.updated_at,
             'clinician_ids', coalesce((select json_agg(cc.user_id order by cc.user_id)
                                          from client_clinicians cc
                                         where cc.client_id = c.id), '[]'::json))
           from clients c where c.id = p_client);
       end
       $$`,
    `revoke all on function hearth_read_client(uuid, uuid, uuid, text, boolean, text, text, text)
       from public`,
  ],
};
