import { APP_ROLE } from '../roles.ts';
import type { Migration } from '../migration.ts';

/**
 * A function that runs `query` (one statement, rows of `returns`) as its owner, the migrating
 * user, with a fixed search path so that nothing the caller can create shadows what it reads.
 * The owner's own queries see no tenant rows (forced row-level security: it is bound by the
 * jobs role's policies, which need the cross-practice switch), so the function turns the switch
 * on around its one query and puts the caller's value back before returning. (A function's SET
 * clause cannot do it: PostgreSQL lets only superusers name a custom setting there.)
 */
const definer = (signature: string, returns: string, query: string) => [
  `create function ${signature} returns table (${returns})
     language plpgsql volatile security definer
     set search_path = pg_catalog, public
     as $$
     declare
       v_switch text := current_setting('app.cross_practice', true);
     begin
       perform set_config('app.cross_practice', 'on', true);
       return query ${query};
       perform set_config('app.cross_practice', coalesce(v_switch, ''), true);
     end
     $$`,
  `revoke all on function ${signature.replace(/\(p_email text\)/, '(text)')} from public`,
  `grant execute on function ${signature.replace(/\(p_email text\)/, '(text)')} to ${APP_ROLE}`,
];

/**
 * Sign-in and password reset find the account an email belongs to before any practice is
 * known. They used to do it as the jobs role, which sees every practice's rows; now the app
 * role, without a practice (so every table looks empty to it), calls one of these. Each answers
 * for exactly one email (equality on the unique index: no pattern, no list) and returns only
 * what its caller needs; everything else is read afterwards inside the practice's scope.
 */
export const migration: Migration = {
  version: 18,
  name: 'account-lookups',
  statements: [
    // Sign-in: who, in which practice, and the hash to verify. Suspended and invited accounts
    // are found too, so that a wrong password costs the same and is recorded in their practice.
    ...definer(
      'hearth_sign_in_account(p_email text)',
      'id uuid, practice_id uuid, password_hash text',
      `select u.id, u.practice_id, u.password_hash
         from public.users u
        where u.email = p_email and u.status <> 'removed'`,
    ),
    // Password reset: only an active account gets a link; no hash is needed for that.
    ...definer(
      'hearth_password_reset_account(p_email text)',
      'id uuid, practice_id uuid',
      `select u.id, u.practice_id
         from public.users u
        where u.email = p_email and u.status = 'active'`,
    ),
  ],
};
