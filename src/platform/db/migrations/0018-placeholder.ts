import type { Migration } from '../migration.ts';

/**
 * A placeholder for migration 18, which another branch of the security review (issue 14)
 * writes. Versions must be consecutive, so this branch (0019, 0020) carries an empty one; at
 * merge the real 0018 replaces this file and its line in index.ts.
 */
export const migration: Migration = { version: 18, name: 'placeholder-18', statements: [] };
