/** Set by scripts/test.ts: where each test file gets its fresh database from. */
export const TEST_ENV = {
  /** A migrated PGlite data directory, as a tarball. */
  pgliteSnapshot: 'HEARTH_TEST_PGLITE_SNAPSHOT',
  /** A migrated PostgreSQL database to clone with CREATE DATABASE … TEMPLATE. */
  templateDatabase: 'HEARTH_TEST_TEMPLATE_DB',
  /** Names this run's PostgreSQL databases, so that cleanup drops only its own. */
  run: 'HEARTH_TEST_RUN',
} as const;
