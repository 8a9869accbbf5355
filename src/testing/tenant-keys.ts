import { sql, type Kysely } from 'kysely';
import type { DB } from '../platform/db/schema.ts';

export interface TenantForeignKey {
  name: string;
  table: string;
  columns: string[];
  referenced: string;
  /** The key includes practice_id on both sides, paired with each other. */
  composite: boolean;
}

/**
 * Every foreign key between two tenant tables (both have practice_id; `practices` itself is
 * not one), read from the catalog, and whether it pairs the two practice_id columns.
 */
export async function tenantForeignKeys(db: Kysely<DB>): Promise<TenantForeignKey[]> {
  const { rows } = await sql<TenantForeignKey>`
    select c.conname as name,
           c.conrelid::regclass::text as table,
           (select array_agg(a.attname::text order by k.i)
              from unnest(c.conkey) with ordinality k(attnum, i)
              join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns,
           c.confrelid::regclass::text as referenced,
           exists (select 1
                     from unnest(c.conkey, c.confkey) as k(child, parent)
                    where k.child = cp.attnum and k.parent = pp.attnum) as composite
      from pg_constraint c
      join pg_namespace n on n.oid = c.connamespace and n.nspname = 'public'
      join pg_attribute cp on cp.attrelid = c.conrelid and cp.attname = 'practice_id'
      join pg_attribute pp on pp.attrelid = c.confrelid and pp.attname = 'practice_id'
     where c.contype = 'f'
     order by 2, 1`.execute(db);
  return rows;
}
