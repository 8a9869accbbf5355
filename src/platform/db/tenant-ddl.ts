import { APP_ROLE, CROSS_PRACTICE_SQL, CURRENT_PRACTICE_SQL, JOBS_ROLE } from './roles.ts';

/**
 * The statements that put a table under tenant isolation. Every table with a `practice_id`
 * column runs these in the migration that creates it; a test fails for any table that does not.
 */
export function tenantTableDdl(
  table: string,
  grants: { app: string; jobs?: string } = { app: 'select, insert, update, delete' },
): string[] {
  return [
    `alter table ${table} enable row level security`,
    // FORCE: the table owner (the migrating user) is bound by the policies too.
    `alter table ${table} force row level security`,
    `create policy tenant_isolation on ${table} to ${APP_ROLE}
       using (practice_id = ${CURRENT_PRACTICE_SQL})
       with check (practice_id = ${CURRENT_PRACTICE_SQL})`,
    `create policy cross_practice_jobs on ${table} to ${JOBS_ROLE}
       using (${CROSS_PRACTICE_SQL}) with check (${CROSS_PRACTICE_SQL})`,
    `grant ${grants.app} on ${table} to ${APP_ROLE}`,
    `grant ${grants.jobs ?? grants.app} on ${table} to ${JOBS_ROLE}`,
  ];
}

/** The comment that marks a column as holding sealed values (platform/crypto/field.ts). */
export const SEALED_COLUMN_COMMENT = 'hearth:sealed';
/** … in a table whose rows never change (write-once, append-only history). */
export const SEALED_IMMUTABLE_COMMENT = 'hearth:sealed immutable';

/**
 * Marks `table.column` as holding sealed values. Re-keying and the plaintext checks find sealed
 * columns by this comment, so a feature that seals a column registers it in its own migration.
 * The table must have an `id uuid` primary key: the row id is bound into each value's AAD.
 * `immutable`: the table's rows can never be updated (a write-once trigger, or append-only
 * grants); re-keying then leaves their values under the key they were sealed with, and keeps
 * that key (re-wrapped under the newest KEK) instead of destroying it.
 */
export function sealedColumnDdl(
  table: string,
  column: string,
  options: { immutable?: boolean } = {},
): string[] {
  const comment = options.immutable ? SEALED_IMMUTABLE_COMMENT : SEALED_COLUMN_COMMENT;
  return [`comment on column ${table}.${column} is '${comment}'`];
}
