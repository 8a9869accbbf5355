/**
 * Kysely's view of the documents feature's tables, merged into `DB` in ../schema.ts. Each table
 * here is created by that feature's migration; keep the two in step.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DocumentTables {}
