import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/**
 * PGlite ships these contrib extensions but must load them at start, or CREATE EXTENSION says
 * "not available". Every embedded instance (server, tests, tools) opens with the same set.
 */
export const PGLITE_EXTENSIONS = { btree_gist, pg_trgm, unaccent };
