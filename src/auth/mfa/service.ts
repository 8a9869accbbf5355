import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FieldCipher } from '../../platform/crypto/field.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { revokeSession } from '../queries.ts';
import { useSmsCode } from './sms.ts';
import {
  claimTotpStep,
  countMfaFailure,
  enableTotp,
  lockOpenSession,
  selectMfaState,
  setPendingTotp,
  useRecoveryCode,
} from './queries.ts';
import { hashRecoveryCode, isRecoveryCodeShaped } from './recovery-codes.ts';
import { newTotpEnrollment, totpStep, type TotpEnrollment } from './totp.ts';
import { completeEnrollment } from './enrollment.ts';
import { withEnrolmentAllowed } from './enrolment-rule.ts';
import { rotateSession } from './session-rotation.ts';

export const MFA_MAX_FAILURES = 5;

const secretRef = (userId: string, column: 'totp_secret' | 'totp_pending_secret') => ({
  table: 'users',
  column,
  rowId: userId,
});

export async function startTotpEnrollment(
  db: Database,
  fields: FieldCipher,
  actor: Actor,
  context: AuditContext,
): Promise<TotpEnrollment> {
  return withEnrolmentAllowed(db, actor, context, 'totp_start', async (tx) => {
    const state = await selectMfaState(tx, actor.userId);
    const enrollment = await newTotpEnrollment(state.email);
    const sealed = await fields.seal(
      tx,
      secretRef(actor.userId, 'totp_pending_secret'),
      enrollment.secret,
    );
    await setPendingTotp(tx, actor.userId, sealed);
    return enrollment;
  });
}

export async function confirmTotpEnrollment(
  db: Database,
  fields: FieldCipher,
  actor: Actor,
  code: string,
  context: AuditContext,
): Promise<{ recoveryCodes: string[]; token: string }> {
  const outcome = await withEnrolmentAllowed(
    db,
    actor,
    context,
    'totp_confirm',
    async (tx, factors) => {
      const state = await selectMfaState(tx, actor.userId);
      if (!state.totp_pending_secret) {
        throw AppError.conflict('Start the authenticator set-up first.', 'mfa_not_started');
      }
      const secret = await fields.open(
        tx,
        secretRef(actor.userId, 'totp_pending_secret'),
        state.totp_pending_secret,
      );
      const step = totpStep(secret, code);
      if (step === null) {
        await audit(tx, context, {
          action: 'auth.mfa.failed',
          outcome: 'denied',
          detail: { method: 'totp_enrol' },
        });
        return null;
      }
      const sealed = await fields.seal(tx, secretRef(actor.userId, 'totp_secret'), secret);
      await enableTotp(tx, actor.userId, sealed, step);
      return completeEnrollment(tx, actor, context, 'totp', factors.totp);
    },
  );
  if (!outcome) {
    throw new AppError('invalid_code', {
      status: 400,
      message: 'That code is not right. Check the time on your phone and try the newest code.',
    });
  }
  return outcome;
}

/** Completes a half-session with a TOTP code, a texted code or a recovery code. */
export async function verifySecondFactor(
  db: Database,
  fields: FieldCipher,
  actor: Actor,
  code: string,
  context: AuditContext,
): Promise<string> {
  if (!actor.mfaPending)
    throw AppError.conflict('This session needs no second factor.', 'mfa_not_pending');
  const outcome = await db.withPractice(actor.practiceId, async (tx) => {
    // Codes sent at once on one half-session take turns on its row: once the fifth wrong one
    // has ended it, those still waiting find it ended and try nothing.
    if (!(await lockOpenSession(tx, actor.sessionId))) return 'ended' as const;
    const state = await selectMfaState(tx, actor.userId);
    const sixDigits = /^\d{6}$/.test(code.trim());
    // A passkey-only account has recovery codes too: only a six-digit code needs TOTP or SMS.
    if (sixDigits && !state.totp_secret && !state.sms_enabled_at) return 'not_enrolled' as const;
    let method: 'totp' | 'sms' | 'recovery_code' | undefined;
    if (sixDigits) {
      if (state.totp_secret) {
        const secret = await fields.open(
          tx,
          secretRef(actor.userId, 'totp_secret'),
          state.totp_secret,
        );
        const step = totpStep(secret, code.trim());
        if (step !== null && (await claimTotpStep(tx, actor.userId, step))) method = 'totp';
      }
      if (
        !method &&
        state.sms_enabled_at &&
        (await useSmsCode(tx, actor.userId, 'sign_in', code))
      ) {
        method = 'sms';
      }
    } else if (
      isRecoveryCodeShaped(code) &&
      (await useRecoveryCode(tx, actor.userId, hashRecoveryCode(code)))
    ) {
      method = 'recovery_code';
    }
    if (!method) {
      const failures = await countMfaFailure(tx, actor.sessionId);
      await audit(tx, context, {
        action: 'auth.mfa.failed',
        outcome: 'denied',
        detail: { failures },
      });
      if (failures >= MFA_MAX_FAILURES) {
        await revokeSession(tx, actor.sessionId);
        await audit(tx, context, {
          action: 'auth.login.locked',
          outcome: 'denied',
          subjectType: 'session',
          subjectId: actor.sessionId,
        });
        return 'locked' as const;
      }
      return 'invalid' as const;
    }
    await audit(tx, context, { action: 'auth.mfa.succeeded', detail: { method } });
    return { token: await rotateSession(tx, actor, context) };
  });
  if (outcome === 'not_enrolled') {
    throw AppError.conflict(
      'This account has no authenticator app or text messages set up for sign-in codes.',
      'mfa_not_enrolled',
    );
  }
  if (outcome === 'ended') {
    throw new AppError('session_expired', {
      status: 401,
      message: 'Your session has ended. Please sign in again.',
    });
  }
  if (outcome === 'locked') {
    throw new AppError('too_many_attempts', {
      status: 401,
      message: 'Too many wrong codes. Sign in again.',
    });
  }
  if (outcome === 'invalid') {
    throw new AppError('invalid_code', {
      status: 401,
      message: 'That code is not right, or it was used already.',
    });
  }
  return outcome.token;
}
