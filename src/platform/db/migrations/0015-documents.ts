import type { Migration } from '../migration.ts';

export const migration: Migration = {
  version: 15,
  name: 'documents',
  statements: [],
};
