import { sql } from 'kysely';
import type { Database, Tx } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import type { RateLimits } from '../../platform/limits/rate-limits.ts';
import { confirmPassword } from '../confirm-password.ts';
import { noticeFactorChange, type FactorKind } from './notice.ts';

export type DeviceKind = FactorKind;

export interface MfaDevice {
  id: string;
  kind: DeviceKind;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

// The authenticator app and the phone are one per user, so their ids are their kinds; a
// passkey's id is its row id (never the WebAuthn credential id, which is the authenticator's).
const TOTP_ID = 'totp';
const SMS_ID = 'sms';

async function selectDevices(tx: Tx, userId: string): Promise<MfaDevice[]> {
  const user = await tx
    .selectFrom('users')
    .select(['totp_enabled_at', 'sms_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const passkeys = await tx
    .selectFrom('webauthn_credentials')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const devices: MfaDevice[] = [];
  if (user.totp_enabled_at) {
    devices.push({
      id: TOTP_ID,
      kind: 'totp',
      name: 'Authenticator app',
      createdAt: user.totp_enabled_at,
      lastUsedAt: null,
    });
  }
  if (user.sms_enabled_at) {
    devices.push({
      id: SMS_ID,
      kind: 'sms',
      name: 'Text messages',
      createdAt: user.sms_enabled_at,
      lastUsedAt: null,
    });
  }
  for (const p of passkeys) {
    devices.push({
      id: p.id,
      kind: 'passkey',
      name: p.name,
      createdAt: p.created_at,
      lastUsedAt: p.last_used_at,
    });
  }
  return devices;
}

async function countUnusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('mfa_recovery_codes')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** My second factors, and how many recovery codes I have left. */
export async function listMfaDevices(db: Database, actor: Actor) {
  return db.withPractice(actor.practiceId, async (tx) => ({
    items: await selectDevices(tx, actor.userId),
    recoveryCodesLeft: await countUnusedRecoveryCodes(tx, actor.userId),
  }));
}

async function deleteDevice(tx: Tx, userId: string, device: MfaDevice): Promise<void> {
  if (device.kind === 'totp') {
    await tx
      .updateTable('users')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null })
      .where('id', '=', userId)
      .execute();
  } else if (device.kind === 'sms') {
    await tx
      .updateTable('users')
      .set({ sms_phone: null, sms_pending_phone: null, sms_enabled_at: null })
      .where('id', '=', userId)
      .execute();
  } else {
    await tx
      .deleteFrom('webauthn_credentials')
      .where('id', '=', device.id)
      .where('user_id', '=', userId)
      .execute();
  }
}

/**
 * Removes one of my second factors. The current password is asked again because a session
 * left open on a shared computer must not be enough to strip an account of its MFA; and the
 * last factor of a practice that requires MFA stays, since the next sign-in would otherwise
 * have to enrol from a password alone. Refusals are audited in transactions of their own; a
 * wrong password also spends the account's sign-in failure budget (confirm-password.ts).
 */
export async function removeMfaDevice(
  db: Database,
  limits: RateLimits,
  actor: Actor,
  input: { deviceId: string; password: string },
  context: AuditContext,
): Promise<void> {
  const refuse = async (reason: string, error: AppError): Promise<never> => {
    await db.withPractice(actor.practiceId, (tx) =>
      audit(tx, context, {
        action: 'auth.mfa.removed',
        outcome: 'denied',
        subjectType: 'user',
        subjectId: actor.userId,
        detail: { reason },
      }),
    );
    throw error;
  };
  const state = await db.withPractice(actor.practiceId, async (tx) => {
    const practice = await tx
      .selectFrom('practices')
      .select('mfa_required')
      .executeTakeFirstOrThrow();
    return { ...practice, devices: await selectDevices(tx, actor.userId) };
  });
  await confirmPassword(db, limits, actor, input.password, {
    context,
    action: 'auth.mfa.removed',
    reason: 'current_password',
    message: 'Your password is not correct.',
    subject: { type: 'user', id: actor.userId },
  });
  const device = state.devices.find((d) => d.id === input.deviceId);
  if (!device) throw AppError.notFound('You have no such sign-in method.', 'device_not_found');
  if (state.mfa_required && state.devices.length === 1) {
    await refuse(
      'last_factor',
      new AppError('last_factor', {
        status: 409,
        message:
          'Your practice requires a second factor. Add another one before removing this one.',
      }),
    );
  }
  await db.withPractice(actor.practiceId, async (tx) => {
    await deleteDevice(tx, actor.userId, device);
    // With no factor left, recovery codes would be a way in that backs up nothing.
    const none = state.devices.length === 1;
    if (none)
      await tx.deleteFrom('mfa_recovery_codes').where('user_id', '=', actor.userId).execute();
    await audit(tx, context, {
      action: 'auth.mfa.removed',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { kind: device.kind, recoveryCodesVoided: none },
    });
    await noticeFactorChange(tx, actor.userId, device.kind, 'removed');
  });
}
