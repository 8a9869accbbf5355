/**
 * The database functions that open a practice's scope themselves, each beginning with
 * `perform hearth_enter_practice(p_practice)` (migration 0016, ADR 0017), and so the only ones
 * Database.callInPractice will call: anything else would run as the connecting role.
 */
export const SCOPED_FUNCTIONS = [
  'hearth_session_check',
  'hearth_chart',
  'hearth_read_client',
] as const;

export type ScopedFunction = (typeof SCOPED_FUNCTIONS)[number];
