import { sql } from 'kysely';
import type { Tx } from './database.ts';
import { SEALED_COLUMN_COMMENT, SEALED_IMMUTABLE_COMMENT } from './tenant-ddl.ts';

export interface SealedColumn {
  table: string;
  column: string;
  /** Rows never change (marked so, see tenant-ddl.ts): re-sealed only by hearth_reseal_immutable. */
  writeOnce: boolean;
  /** The current role may update the column (else, unless write-once, values keep their key). */
  updatable: boolean;
  /** The current role may read the column (else re-keying must assume its keys are in use). */
  readable: boolean;
}

/**
 * Every column registered with sealedColumnDdl, read from the catalog (readable by every role),
 * with what the current role may do with it.
 */
export async function listSealedColumns(tx: Tx): Promise<SealedColumn[]> {
  const { rows } = await sql<{
    table: string;
    column: string;
    comment: string;
    updatable: boolean;
    readable: boolean;
  }>`
    select c.relname as table, a.attname as column, d.description as comment,
           has_column_privilege(c.oid, a.attnum, 'UPDATE')
             and has_column_privilege(c.oid, a.attnum, 'SELECT') as updatable,
           has_column_privilege(c.oid, a.attnum, 'SELECT') as readable
      from pg_description d
      join pg_class c on c.oid = d.objoid and d.classoid = 'pg_class'::regclass
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum = d.objsubid
     where n.nspname = 'public'
       and d.description in (${SEALED_COLUMN_COMMENT}, ${SEALED_IMMUTABLE_COMMENT})
     order by c.relname, a.attname`.execute(tx);
  return rows.map((r) => ({
    table: r.table,
    column: r.column,
    writeOnce: r.comment === SEALED_IMMUTABLE_COMMENT,
    updatable: r.updatable,
    readable: r.readable,
  }));
}
