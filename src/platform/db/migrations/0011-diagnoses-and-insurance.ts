import type { Migration } from '../migration.ts';

export const migration: Migration = {
  version: 11,
  name: 'diagnoses-and-insurance',
  statements: [],
};
