/**
 * The database roles Hearth's queries run as. Neither is a superuser nor owns a table, so
 * forced row-level security applies to every statement they run.
 */
export const APP_ROLE = 'hearth_app';
/** Used only by `Database.unscopedAcrossPractices`, for jobs that must cross practices. */
export const JOBS_ROLE = 'hearth_jobs';

/** The practice a scoped transaction belongs to, as policies read it. */
export const CURRENT_PRACTICE_SQL = "nullif(current_setting('app.practice_id', true), '')::uuid";

/**
 * The jobs role's policies also require this switch, set only by unscopedAcrossPractices. The
 * migrating owner is a member of the jobs role (to be able to SET ROLE to it) and so inherits
 * its policies; without the switch, the owner's own direct queries still see no tenant rows.
 */
export const CROSS_PRACTICE_SQL = "current_setting('app.cross_practice', true) = 'on'";
