import { APP_ROLE } from '../roles.ts';
import type { Migration } from '../migration.ts';

/**
 * Two changes to clinical records (issue 16):
 *
 * - Supervision reaches the clients in a supervisee's care, not only the notes they write: a
 *   supervisor co-signing a note needs the chart around it. The one rule changes in its one
 *   place, hearth_ties (migration 0019), so the door, every list and the chart follow. Only a
 *   viewer whose role reads supervisees' notes (admin, supervisor: `read:note:supervisee`,
 *   src/auth/roles.ts) gets the tie — whoever the database says supervises whom, as the
 *   author tie is given only to those roles by the caller.
 * - A draft nobody will finish can be discarded: the server's role may delete notes. The guard
 *   of migration 0013 already refuses deleting anything but a draft. A draft's history stays
 *   append-only with one exception: the earlier versions of a draft that was never signed go
 *   with it, and only inside a discard of that very note (`hearth.discarding`, set for the
 *   transaction). A note once signed — even unlocked again — keeps its history and cannot go.
 */
const VERSIONS_GUARD = `create function hearth_note_versions_guard() returns trigger language plpgsql as $$
  begin
    if old.kind = 'edit'
       and current_setting('hearth.discarding', true) = old.note_id::text
       and exists (select 1 from notes n where n.id = old.note_id and n.status = 'draft')
       and not exists (select 1 from note_versions v
                        where v.note_id = old.note_id and v.kind <> 'edit') then
      return old;
    end if;
    raise exception 'DELETE on note_versions is not allowed: the history of a note is append-only'
      using errcode = 'insufficient_privilege';
  end $$`;

export const migration: Migration = {
  version: 25,
  name: 'supervision-and-discard',
  statements: [
    `create or replace function hearth_ties(p_viewer uuid)
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
         select cc.client_id, null::uuid, 'supervision'::text
           from users u
           join client_clinicians cc on cc.user_id = u.id
          where u.supervisor_id = p_viewer and u.id <> p_viewer
            and exists (select 1 from users v
                         where v.id = p_viewer and v.role in ('admin', 'supervisor'))
         union all
         select g.client_id, null::uuid, 'break_glass'::text
           from break_glass_grants g
          where g.user_id = p_viewer and g.expires_at > now()
       $$`,
    `grant delete on notes to ${APP_ROLE}`,
    VERSIONS_GUARD,
    // Updates stay with the write-once trigger (and its re-sealing exception, migration 0021).
    `drop trigger note_versions_write_once on note_versions`,
    `create trigger note_versions_write_once before update on note_versions
       for each row execute function hearth_write_once('the history of a note is append-only')`,
    `create trigger note_versions_no_delete before delete on note_versions
       for each row execute function hearth_note_versions_guard()`,
    `grant delete on note_versions to ${APP_ROLE}`,
  ],
};
