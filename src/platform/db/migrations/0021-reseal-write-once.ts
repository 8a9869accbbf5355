import { APP_ROLE, CURRENT_PRACTICE_SQL, JOBS_ROLE } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { SEALED_IMMUTABLE_COMMENT } from '../tenant-ddl.ts';

/** The columns of `relid` marked as sealed values of write-once rows (tenant-ddl.ts). */
const IMMUTABLE_SEALED_COLUMNS = (relid: string) => `
  select a.attname::text from pg_description d
    join pg_attribute a on a.attrelid = d.objoid and a.attnum = d.objsubid
   where d.classoid = 'pg_class'::regclass and d.objoid = ${relid}
     and d.description = '${SEALED_IMMUTABLE_COMMENT}'`;

/**
 * Re-keying re-encrypts write-once values too (safety plans, note history, unlock reasons,
 * addenda), so that a retired field key can be destroyed once nothing uses it: key rotation then
 * really rotates, and crypto-shredding reaches the history as well.
 *
 * The rows stay write-once for every query Hearth runs. The only way to change one is
 * hearth_reseal_immutable: owned by the migrating user and executed with its rights, it replaces
 * one sealed value of one row of the caller's practice, and only with the same row's value
 * sealed under the practice's active field key, a key other than the one it had. The write-once
 * trigger lets that one update through — the flag it sets, while it runs as the owner (never as
 * the app or jobs role), and a row whose other columns are unchanged. It cannot check that the
 * new ciphertext holds the same text (the database has no keys): the note history's signature
 * hashes are checked on every read, and the AAD binds each value to its row and column.
 */
export const migration: Migration = {
  version: 21,
  name: 'reseal-write-once',
  statements: [
    `create or replace function hearth_write_once() returns trigger language plpgsql as $$
     declare
       sealed text[];
     begin
       if tg_op = 'UPDATE' and current_setting('hearth.resealing', true) = 'on'
          and current_user not in ('${APP_ROLE}', '${JOBS_ROLE}') then
         sealed := array(${IMMUTABLE_SEALED_COLUMNS('tg_relid')});
         if cardinality(sealed) > 0 and (to_jsonb(new) - sealed) = (to_jsonb(old) - sealed) then
           return new;
         end if;
       end if;
       raise exception '% on % is not allowed: %', tg_op, tg_table_name, tg_argv[0]
         using errcode = 'insufficient_privilege';
     end $$`,

    `create function hearth_reseal_immutable(
         p_table text, p_column text, p_id uuid, p_old text, p_new text)
       returns boolean
       language plpgsql volatile security definer
       set search_path = public, pg_temp
       as $$
       declare
         v_practice uuid := ${CURRENT_PRACTICE_SQL};
         v_changed integer;
       begin
         if v_practice is null then
           raise exception 're-sealing needs a practice scope';
         end if;
         if not exists (${IMMUTABLE_SEALED_COLUMNS(`to_regclass(quote_ident(p_table))`)}
                          and a.attname = p_column) then
           raise exception '%.% is not a sealed column of write-once rows', p_table, p_column
             using errcode = 'insufficient_privilege';
         end if;
         if split_part(p_new, '.', 2) = split_part(p_old, '.', 2)
            or not exists (select 1 from practice_keys k
                            where k.id::text = split_part(p_new, '.', 2)
                              and k.practice_id = v_practice and k.purpose = 'field'
                              and k.retired_at is null) then
           raise exception 'a write-once value may only move to its practice''s active field key'
             using errcode = 'insufficient_privilege';
         end if;
         perform set_config('hearth.resealing', 'on', true);
         execute format('update %I set %I = $1 where id = $2 and practice_id = $3 and %I = $4',
                        p_table, p_column, p_column)
           using p_new, p_id, v_practice, p_old;
         get diagnostics v_changed = row_count;
         perform set_config('hearth.resealing', 'off', true);
         return v_changed = 1;
       end
       $$`,
    `revoke all on function hearth_reseal_immutable(text, text, uuid, text, text) from public`,
    `grant execute on function hearth_reseal_immutable(text, text, uuid, text, text) to ${APP_ROLE}`,
  ],
};
