/**
 * The database roles Hearth's queries run as. Neither is a superuser nor owns a table, so
 * forced row-level security applies to every statement they run.
 */
export const APP_ROLE = 'hearth_app';
/** Used only by `Database.unscopedAcrossPractices`, for jobs that must cross practices. */
export const JOBS_ROLE = 'hearth_jobs';

/** The practice a scoped transaction belongs to, as policies read it. */
export const CURRENT_PRACTICE_SQL = "nullif(current_setting('app.practice_id', true), '')::uuid";
