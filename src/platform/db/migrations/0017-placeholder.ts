import type { Migration } from '../migration.ts';

/**
 * A placeholder for migration 17, which another branch writes (it is in main as
 * 0017-reseal-write-once). Versions must be consecutive, so this branch (0018) carries an empty
 * one; at merge the real 0017 replaces this file and its line in index.ts.
 */
export const migration: Migration = { version: 17, name: 'placeholder-17', statements: [] };
