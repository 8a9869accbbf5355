import type { Migration } from '../migration.ts';

export const migration: Migration = {
  version: 13,
  name: 'notes',
  statements: [],
};
