import type { Migration } from '../migration.ts';

export const migration: Migration = {
  version: 14,
  name: 'safety-plans',
  statements: [],
};
