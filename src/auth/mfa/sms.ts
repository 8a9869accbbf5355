import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { FieldCipher } from '../../platform/crypto/field.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import { enqueueMessage } from '../../platform/notify/outbox.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { LIMITS, type RateLimits } from '../../platform/limits/rate-limits.ts';
import { completeEnrollment } from './enrollment.ts';
import { withEnrolmentAllowed } from './enrolment-rule.ts';

const CODE_MINUTES = 5;
const E164 = /^\+[1-9]\d{6,14}$/;

const phoneRef = (userId: string, column: 'sms_phone' | 'sms_pending_phone') => ({
  table: 'users',
  column,
  rowId: userId,
});
const codeHash = (userId: string, code: string) =>
  createHash('sha256').update(`${userId}:${code.trim()}`).digest();

/** Issues a 6-digit code (voiding earlier open ones) and queues the SMS — time and purpose only. */
async function sendCode(
  tx: Tx,
  userId: string,
  purpose: 'enrol' | 'sign_in',
  phone: string,
): Promise<void> {
  await sql`update mfa_sms_codes set used_at = now() where user_id = ${userId} and purpose = ${purpose} and used_at is null`.execute(
    tx,
  );
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx
    .insertInto('mfa_sms_codes')
    .values({
      user_id: userId,
      purpose,
      code_hash: codeHash(userId, code),
      expires_at: new Date(Date.now() + CODE_MINUTES * 60_000),
    })
    .execute();
  await enqueueMessage(tx, {
    channel: 'sms',
    to: phone,
    subject: 'Hearth code',
    expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000),
    body: `Your Hearth code is ${code}. It expires in ${CODE_MINUTES} minutes. Never share it.`,
  });
}

/** Uses an open, unexpired code of this purpose; false if there is none that matches. */
export async function useSmsCode(
  tx: Tx,
  userId: string,
  purpose: 'enrol' | 'sign_in',
  code: string,
): Promise<boolean> {
  const result = await sql`update mfa_sms_codes set used_at = now()
     where user_id = ${userId} and purpose = ${purpose} and used_at is null and expires_at > now()
       and code_hash = ${codeHash(userId, code)}`.execute(tx);
  return Number(result.numAffectedRows ?? 0) === 1;
}

export async function startSmsEnrollment(
  db: Database,
  fields: FieldCipher,
  limits: RateLimits,
  actor: Actor,
  phone: string,
  context: AuditContext,
): Promise<void> {
  if (!E164.test(phone)) {
    throw AppError.badRequest(
      'Enter the mobile number in international form, e.g. +15551234567.',
      'invalid_phone',
    );
  }
  await withEnrolmentAllowed(db, actor, context, 'sms_start', async (tx) => {
    // Spent only by a step the rule allows; a refusal here rolls the step back.
    await limits.hit(LIMITS.smsPerUser, actor.userId);
    const sealed = await fields.seal(tx, phoneRef(actor.userId, 'sms_pending_phone'), phone);
    await tx
      .updateTable('users')
      .set({ sms_pending_phone: sealed })
      .where('id', '=', actor.userId)
      .execute();
    await sendCode(tx, actor.userId, 'enrol', phone);
  });
}

export async function confirmSmsEnrollment(
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
    'sms_confirm',
    async (tx, factors) => {
      const user = await tx
        .selectFrom('users')
        .select(['sms_pending_phone'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      if (!user.sms_pending_phone)
        throw AppError.conflict('Start the SMS set-up first.', 'mfa_not_started');
      if (!(await useSmsCode(tx, actor.userId, 'enrol', code))) {
        await audit(tx, context, {
          action: 'auth.mfa.failed',
          outcome: 'denied',
          detail: { method: 'sms_enrol' },
        });
        return null;
      }
      const phone = await fields.open(
        tx,
        phoneRef(actor.userId, 'sms_pending_phone'),
        user.sms_pending_phone,
      );
      const sealed = await fields.seal(tx, phoneRef(actor.userId, 'sms_phone'), phone);
      await tx
        .updateTable('users')
        .set({ sms_phone: sealed, sms_pending_phone: null, sms_enabled_at: new Date() })
        .where('id', '=', actor.userId)
        .execute();
      return completeEnrollment(tx, actor, context, 'sms', factors.sms);
    },
  );
  if (!outcome)
    throw new AppError('invalid_code', {
      status: 400,
      message: 'That code is not right or has expired. Ask for a new one.',
    });
  return outcome;
}

/** During sign-in: text a code to the enrolled phone. */
export async function sendSignInSms(
  db: Database,
  fields: FieldCipher,
  limits: RateLimits,
  actor: Actor,
): Promise<void> {
  if (!actor.mfaPending)
    throw AppError.conflict('This session needs no second factor.', 'mfa_not_pending');
  await limits.hit(LIMITS.smsPerUser, actor.userId);
  await db.withPractice(actor.practiceId, async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['sms_phone'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    if (!user.sms_phone)
      throw AppError.conflict('No phone is set up for codes on this account.', 'mfa_not_enrolled');
    const phone = await fields.open(tx, phoneRef(actor.userId, 'sms_phone'), user.sms_phone);
    await sendCode(tx, actor.userId, 'sign_in', phone);
  });
}
