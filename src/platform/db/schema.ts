import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of Hearth's tables. Each feature adds its tables here as its migrations land. */
export interface DB {
  practices: PracticesTable;
  schema_migrations: SchemaMigrationsTable;
}

export interface PracticesTable {
  id: string;
  name: string;
  status: Generated<'active' | 'suspended'>;
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: ColumnType<Date, never, never>;
}
