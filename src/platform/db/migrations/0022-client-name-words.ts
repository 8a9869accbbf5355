import { CURRENT_PRACTICE_SQL } from '../roles.ts';
import type { Migration } from '../migration.ts';
import { tenantTableDdl } from '../tenant-ddl.ts';

/**
 * The client search by name uses an index again (issue 23). `search_name like '% smith%'` could
 * not use the trigram index of migration 0008 under row-level security: LIKE is not leakproof,
 * so PostgreSQL may not evaluate it before the tenant policy, and an index condition would do
 * just that. Every search read every client of the practice (100,000 rows for one page of 20).
 *
 * Each client's folded name is kept here once per word, from that word to the end
 * (' ann marie smith ' gives 'ann marie smith ', 'marie smith ', 'smith '): a name matches
 * a search when one of these begins with it, which is a range of a btree index, and text
 * comparisons are leakproof. The search keeps its LIKE, so what matches is unchanged.
 */
const WORDS_OF = (name: string) => `
  select substr(${name}, i + 1) from generate_series(1, length(${name})) i
   where substr(${name}, i, 1) = ' ' and substr(${name}, i + 1) <> ''`;

export const migration: Migration = {
  version: 22,
  name: 'client-name-words',
  statements: [
    `create table client_name_words (
       practice_id uuid not null default ${CURRENT_PRACTICE_SQL} references practices (id),
       client_id uuid not null,
       words text not null,
       -- The client's own sort keys: a page of matches is read from the index alone, in order.
       last_name text not null,
       first_name text not null,
       foreign key (practice_id, client_id) references clients (practice_id, id)
     )`,
    // C collation: a prefix is a range in byte order, whatever the database's collation.
    `create index client_name_words_prefix
       on client_name_words (practice_id, (words collate "C"), last_name, first_name, client_id)`,
    `create index client_name_words_client on client_name_words (practice_id, client_id)`,
    ...tenantTableDdl('client_name_words', { app: 'select, insert, delete', jobs: 'select' }),

    // Security invoker: it writes as whoever changed the client, under the same policies.
    `create function hearth_client_name_words() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' then
         if (new.search_name, new.last_name, new.first_name)
            is not distinct from (old.search_name, old.last_name, old.first_name) then
           return null;
         end if;
         delete from client_name_words where client_id = new.id;
       end if;
       insert into client_name_words (practice_id, client_id, words, last_name, first_name)
         select new.practice_id, new.id, w, new.last_name, new.first_name
           from (${WORDS_OF('new.search_name')}) as s(w);
       return null;
     end
     $$`,
    `create trigger client_name_words after insert or update of first_name, last_name, preferred_name
       on clients for each row execute function hearth_client_name_words()`,

    // The clients already there, read and written across practices as the jobs role reads them.
    `select set_config('app.cross_practice', 'on', true)`,
    `insert into client_name_words (practice_id, client_id, words, last_name, first_name)
       select c.practice_id, c.id, w, c.last_name, c.first_name
         from clients c, lateral (${WORDS_OF('c.search_name')}) as s(w)`,
    `select set_config('app.cross_practice', '', true)`,
  ],
};
