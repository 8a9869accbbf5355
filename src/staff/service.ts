import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import { enqueueMessage } from '../platform/notify/outbox.ts';
import type { Actor } from '../platform/http/request-context.ts';
import {
  issueAccountToken,
  TOKEN_LIFETIME_MINUTES,
  parseAccountToken,
  redeemAccountToken,
  passwordProblems,
  hashPassword,
  insertSession,
  newSessionToken,
  SESSION_ABSOLUTE_HOURS,
  normalizeEmail,
  revokeUserSessions,
  selectUserForPolicy,
} from '../auth/index.ts';
import { checkSupervisor } from './supervision.ts';
import {
  activateInvitedUser,
  countActiveAdmins,
  insertInvitedUser,
  lockPracticeForStaffChange,
  selectStaffMember,
  updateStaff,
  type StaffRow,
} from './queries.ts';

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: string;
  mfaEnabled: boolean;
  /** Their clinical supervisor, who co-signs and may read their notes. */
  supervisorId: string | null;
  /** Shown with their signature on notes, e.g. "LCSW". */
  credentials: string | null;
  emergencyAccess: boolean;
  createdAt: string;
}

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    mfaEnabled: row.totp_enabled_at !== null || row.sms_enabled_at !== null || row.has_passkey,
    supervisorId: row.supervisor_id,
    credentials: row.credentials,
    emergencyAccess: row.emergency_access,
    createdAt: row.created_at.toISOString(),
  };
}

/** Invites a colleague: an `invited` account and a 72-hour single-use link, emailed and returned. */
export async function inviteStaff(
  db: Database,
  actor: Actor,
  input: { name: string; email: string; role: Role },
  baseUrl: string,
  context: AuditContext,
): Promise<{ member: StaffMember; inviteUrl: string }> {
  const email = normalizeEmail(input.email);
  try {
    return await db.withPractice(actor.practiceId, async (tx) => {
      const userId = await insertInvitedUser(tx, { ...input, email });
      const token = await issueAccountToken(tx, userId, 'invitation', actor.practiceId);
      const inviteUrl = `${baseUrl}/accept-invitation#${encodeURIComponent(token)}`;
      await enqueueMessage(tx, {
        channel: 'email',
        to: email,
        subject: 'You are invited to Hearth',
        expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MINUTES.invitation * 60_000),
        body: `You have been invited to join your practice on Hearth. Choose a password here within 72 hours:\n\n${inviteUrl}\n\nIf you did not expect this, ignore this message.`,
      });
      await audit(tx, context, {
        action: 'user.invited',
        subjectType: 'user',
        subjectId: userId,
        detail: { role: input.role },
      });
      const member = await selectStaffMember(tx, userId);
      return { member: toStaffMember(member!), inviteUrl };
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw AppError.conflict(
        'Someone with this email already has a Hearth account.',
        'email_taken',
      );
    }
    throw err;
  }
}

/** Accepting an invitation sets the password and signs the new user in (MFA enrolment next). */
export async function acceptInvitation(
  db: Database,
  input: { token: string; password: string },
  context: AuditContext,
): Promise<{ practiceId: string; userId: string; token: string; enrollmentRequired: boolean }> {
  const parsed = parseAccountToken(input.token);
  const invalid = () =>
    new AppError('invalid_invitation', {
      status: 400,
      message: 'This invitation link is not valid any more. Ask your administrator for a new one.',
    });
  if (!parsed) throw invalid();
  const passwordHash = await hashPassword(input.password);
  const session = newSessionToken();
  const result = await db.withPractice(parsed.practiceId, async (tx) => {
    const userId = await redeemAccountToken(tx, parsed.hash, 'invitation');
    if (!userId) return null;
    const user = await selectUserForPolicy(tx, userId);
    if (!user || user.status !== 'invited') return null;
    const problems = await passwordProblems(input.password, {
      email: user.email,
      name: user.name,
      practiceName: user.practiceName,
    });
    if (problems.length > 0) throw AppError.badRequest(problems.join(' '), 'weak_password');
    await activateInvitedUser(tx, userId, passwordHash);
    const enrollmentRequired = user.mfa_required && !user.is_demo;
    await insertSession(tx, {
      userId,
      tokenHash: session.hash,
      mfaPending: enrollmentRequired,
      expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000),
      ip: context.ip ?? '',
      userAgent: context.userAgent,
      passwordConfirmedAt: 'now',
    });
    await audit(
      tx,
      { ...context, actor: { type: 'user', userId, role: user.role } },
      {
        action: 'user.invitation.accepted',
        subjectType: 'user',
        subjectId: userId,
      },
    );
    return { practiceId: parsed.practiceId, userId, token: session.token, enrollmentRequired };
  });
  if (!result) throw invalid();
  return result;
}

/** Role change, suspension, reactivation. Any change ends the person's sessions. */
export async function changeStaff(
  db: Database,
  actor: Actor,
  userId: string,
  change: {
    role?: Role | undefined;
    status?: 'active' | 'suspended' | undefined;
    emergencyAccess?: boolean | undefined;
    supervisorId?: string | null | undefined;
    credentials?: string | null | undefined;
  },
  context: AuditContext,
): Promise<StaffMember> {
  return db.withPractice(actor.practiceId, async (tx) => {
    await lockPracticeForStaffChange(tx);
    const before = await selectStaffMember(tx, userId);
    if (!before) throw AppError.notFound('There is no such staff member.');
    if (before.status === 'invited' && change.status) {
      throw AppError.conflict(
        'This person has not accepted the invitation yet.',
        'invitation_pending',
      );
    }
    const losesAdmin =
      before.role === 'admin' &&
      before.status === 'active' &&
      ((change.role && change.role !== 'admin') || change.status === 'suspended');
    if (losesAdmin && (await countActiveAdmins(tx)) <= 1) {
      throw AppError.conflict(
        'A practice needs at least one active administrator. Make someone else an admin first.',
        'last_admin',
      );
    }
    if (change.supervisorId) {
      const role = change.role ?? before.role;
      await checkSupervisor(tx, { userId, role, supervisorId: change.supervisorId });
    }
    const credentials = change.credentials?.trim() ?? change.credentials;
    await updateStaff(tx, userId, {
      role: change.role,
      status: change.status,
      supervisor_id: change.supervisorId,
      credentials,
    });
    await auditClinicalProfile(tx, context, userId, before, { ...change, credentials });
    if (change.emergencyAccess !== undefined) {
      await tx
        .updateTable('users')
        .set({ emergency_access: change.emergencyAccess })
        .where('id', '=', userId)
        .execute();
      await audit(tx, context, {
        action: 'user.emergency_access.changed',
        subjectType: 'user',
        subjectId: userId,
        detail: { emergencyAccess: change.emergencyAccess },
      });
    }
    const ended = change.role || change.status ? await revokeUserSessions(tx, userId) : 0;
    if (change.role && change.role !== before.role) {
      await audit(tx, context, {
        action: 'user.role.changed',
        subjectType: 'user',
        subjectId: userId,
        detail: { from: before.role, to: change.role, sessionsEnded: ended },
      });
    }
    if (change.status && change.status !== before.status) {
      await audit(tx, context, {
        action: change.status === 'suspended' ? 'user.suspended' : 'user.reactivated',
        subjectType: 'user',
        subjectId: userId,
        detail: { sessionsEnded: ended },
      });
    }
    return toStaffMember((await selectStaffMember(tx, userId))!);
  });
}

export async function removeStaff(
  db: Database,
  actor: Actor,
  userId: string,
  context: AuditContext,
): Promise<void> {
  await db.withPractice(actor.practiceId, async (tx) => {
    await lockPracticeForStaffChange(tx);
    const before = await selectStaffMember(tx, userId);
    if (!before) throw AppError.notFound('There is no such staff member.');
    if (
      before.role === 'admin' &&
      before.status === 'active' &&
      (await countActiveAdmins(tx)) <= 1
    ) {
      throw AppError.conflict('A practice needs at least one active administrator.', 'last_admin');
    }
    await updateStaff(tx, userId, { status: 'removed' });
    await revokeUserSessions(tx, userId);
    await audit(tx, context, { action: 'user.removed', subjectType: 'user', subjectId: userId });
  });
}

/** Supervisor and credentials changes, each its own audit row (ids and flags only). */
async function auditClinicalProfile(
  tx: Tx,
  context: AuditContext,
  userId: string,
  before: StaffRow,
  change: { supervisorId?: string | null | undefined; credentials?: string | null | undefined },
): Promise<void> {
  if (change.supervisorId !== undefined && change.supervisorId !== before.supervisor_id) {
    await audit(tx, context, {
      action: 'user.supervisor.changed',
      subjectType: 'user',
      subjectId: userId,
      detail: { from: before.supervisor_id, to: change.supervisorId },
    });
  }
  if (change.credentials !== undefined && change.credentials !== before.credentials) {
    await audit(tx, context, {
      action: 'user.credentials.changed',
      subjectType: 'user',
      subjectId: userId,
      detail: { set: change.credentials !== null },
    });
  }
}
