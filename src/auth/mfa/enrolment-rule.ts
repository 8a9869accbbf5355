import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';

/** How long the password typed into a full session lets it add or replace second factors. */
export const REAUTHENTICATION_MINUTES = 5;

/** The six steps that add or replace a second factor: each start and each confirm. */
export type EnrolmentStep =
  | 'totp_start'
  | 'totp_confirm'
  | 'sms_start'
  | 'sms_confirm'
  | 'passkey_options'
  | 'passkey_register';

/** The account's second factors as the step found them, once it was its turn. */
export interface Factors {
  totp: boolean;
  sms: boolean;
  passkeys: number;
}

type Refusal = 'factor_exists' | 'reauthentication_required';

async function judge(tx: Tx, actor: Actor): Promise<{ factors: Factors; refusal: Refusal | null }> {
  // Set-up steps of one person take turns on their row, and the state is read after the turn
  // comes (a statement of its own, so it sees what the step before it committed): two sessions
  // racing to add a first factor cannot both find none.
  await sql`select id from users where id = ${actor.userId} for no key update`.execute(tx);
  const { rows } = await sql<Factors & { recent: boolean }>`
    select u.totp_enabled_at is not null as totp, u.sms_enabled_at is not null as sms,
           (select count(*)::int from webauthn_credentials w where w.user_id = u.id) as passkeys,
           coalesce(s.password_confirmed_at
                      > now() - make_interval(mins => ${REAUTHENTICATION_MINUTES}), false) as recent
      from users u, sessions s
     where u.id = ${actor.userId} and s.id = ${actor.sessionId}`.execute(tx);
  const row = rows[0];
  if (!row) throw new Error('the session being judged has no row');
  const factors = { totp: row.totp, sms: row.sms, passkeys: row.passkeys };
  const any = factors.totp || factors.sms || factors.passkeys > 0;
  // A half-session has shown only the password: it may give a factor to an account that has
  // none (first enrolment), never add one beside a factor it could not use. A full session may,
  // but only with the password typed into it lately — a session left open on a shared computer,
  // or a stolen cookie, must not be enough to plant a factor and keep the account.
  const refusal: Refusal | null = actor.mfaPending
    ? any
      ? 'factor_exists'
      : null
    : row.recent
      ? null
      : 'reauthentication_required';
  return { factors, refusal };
}

function refusalError(refusal: Refusal): AppError {
  if (refusal === 'factor_exists') {
    return AppError.conflict(
      'Finish signing in with your existing second factor first.',
      'mfa_enrolled',
    );
  }
  return new AppError('reauthentication_required', {
    status: 403,
    message:
      'Enter your password again to add or replace a sign-in method (it is asked again after 5 minutes).',
  });
}

/**
 * The one rule for adding or replacing a second factor, checked by every start and every
 * confirm step, in the transaction that does the step's work (so a factor added by another
 * session meanwhile, or a password confirmation gone stale, stops the confirm step too). A
 * refusal is audited (`auth.mfa.enrolled`, denied, with the step and the reason) and throws:
 * 409 `mfa_enrolled` for a half-session, 403 `reauthentication_required` for a full one.
 */
export async function withEnrolmentAllowed<T>(
  db: Database,
  actor: Actor,
  context: AuditContext,
  step: EnrolmentStep,
  work: (tx: Tx, factors: Factors) => Promise<T>,
): Promise<T> {
  const outcome = await db.withPractice(actor.practiceId, async (tx) => {
    const { factors, refusal } = await judge(tx, actor);
    if (!refusal) return { done: true as const, value: await work(tx, factors) };
    await audit(tx, context, {
      action: 'auth.mfa.enrolled',
      outcome: 'denied',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { step, reason: refusal },
    });
    return { done: false as const, refusal };
  });
  if (!outcome.done) throw refusalError(outcome.refusal);
  return outcome.value;
}
