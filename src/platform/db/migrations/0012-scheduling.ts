import type { Migration } from '../migration.ts';

export const migration: Migration = {
  version: 12,
  name: 'scheduling',
  statements: [],
};
