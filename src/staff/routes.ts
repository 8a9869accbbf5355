import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { AppError } from '../platform/errors.ts';
import { audit } from '../platform/audit-trail/record.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { LIMITS } from '../platform/limits/rate-limits.ts';
import {
  actorOf,
  auditContextOf,
  Name,
  setSessionCookie,
  RoleSchema,
  revokeUserSessions,
} from '../auth/index.ts';
import { StaffChange, StaffMember } from './schemas.ts';
import { revokeOwnSession, selectOwnSessions, selectStaff } from './queries.ts';
import {
  acceptInvitation,
  changeStaff,
  inviteStaff,
  removeStaff,
  toStaffMember,
} from './service.ts';
import { endStaffSessions } from './sessions.ts';

const Session = Type.Object(
  {
    id: Type.String(),
    current: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    lastSeenAt: Type.String({ format: 'date-time' }),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function staffRoutes({ db, limits, publicUrl }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/users',
      {
        config: { permission: 'manage:user:any' },
        schema: {
          tags: ['staff'],
          summary: 'Staff of the practice.',
          response: responses({
            200: Type.Object({ items: Type.Array(StaffMember), nextCursor: Type.Null() }),
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const rows = await db.withPractice(actor.practiceId, (tx) => selectStaff(tx));
        return { items: rows.map(toStaffMember), nextCursor: null };
      },
    );

    app.post(
      '/api/v1/users',
      {
        config: { permission: 'manage:user:any' },
        schema: {
          tags: ['staff'],
          summary: 'Invite a colleague by email (a single-use link valid for 72 hours).',
          body: Type.Object(
            {
              name: Name,
              email: Type.String({ format: 'email', maxLength: 254 }),
              role: RoleSchema,
            },
            { additionalProperties: false },
          ),
          response: responses({
            201: Type.Object(
              { ...StaffMember.properties, inviteUrl: Type.String() },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { member, inviteUrl } = await inviteStaff(
          db,
          actor,
          request.body,
          publicUrl,
          auditContextOf(request),
        );
        return reply.code(201).send({ ...member, inviteUrl });
      },
    );

    app.patch(
      '/api/v1/users/:id',
      {
        config: { permission: 'manage:user:any' },
        schema: {
          tags: ['staff'],
          summary:
            'Change a role, suspend or reactivate (ending the person’s sessions); set emergency access, clinical supervisor or credentials.',
          params: IdParams,
          body: StaffChange,
          response: responses({ 200: StaffMember }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return changeStaff(db, actor, request.params.id, request.body, auditContextOf(request));
      },
    );

    app.delete(
      '/api/v1/users/:id',
      {
        config: { permission: 'manage:user:any' },
        schema: {
          tags: ['staff'],
          summary: 'Remove a staff member.',
          params: IdParams,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await removeStaff(db, actor, request.params.id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/v1/users/:id/sessions',
      {
        config: { permission: 'manage:user:any' },
        schema: {
          tags: ['staff'],
          summary: "End all of a staff member's sessions (404 for anyone not on the staff).",
          params: IdParams,
          response: responses({ 200: Type.Object({ ended: Type.Integer() }) }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return endStaffSessions(db, actor, request.params.id, auditContextOf(request));
      },
    );

    app.post(
      '/api/v1/invitations/accept',
      {
        config: { access: 'public' },
        schema: {
          tags: ['staff'],
          summary: 'Accept an invitation: choose a password and sign in.',
          body: Type.Object(
            {
              token: Type.String({ minLength: 10, maxLength: 200 }),
              password: Type.String({ minLength: 1, maxLength: 512 }),
            },
            { additionalProperties: false },
          ),
          response: responses({
            200: Type.Object(
              { enrollmentRequired: Type.Boolean() },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request, reply) => {
        await limits.hit(LIMITS.signupPerIp, request.ip);
        const result = await acceptInvitation(db, request.body, auditContextOf(request));
        setSessionCookie(reply, result.practiceId, result.token);
        return { enrollmentRequired: result.enrollmentRequired };
      },
    );

    app.get(
      '/api/v1/sessions',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'My active sessions.',
          response: responses({
            200: Type.Object({ items: Type.Array(Session), nextCursor: Type.Null() }),
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const rows = await db.withPractice(actor.practiceId, (tx) =>
          selectOwnSessions(tx, actor.userId),
        );
        return {
          items: rows.map((s) => ({
            id: s.id,
            current: s.id === actor.sessionId,
            createdAt: s.created_at.toISOString(),
            lastSeenAt: s.last_seen_at.toISOString(),
            ip: s.ip,
            userAgent: s.user_agent,
          })),
          nextCursor: null,
        };
      },
    );

    app.delete(
      '/api/v1/sessions/:id',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'End one of my sessions.',
          params: IdParams,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const ended = await db.withPractice(actor.practiceId, async (tx) => {
          const done = await revokeOwnSession(tx, actor.userId, request.params.id);
          if (done)
            await audit(tx, auditContextOf(request), {
              action: 'auth.session.revoked',
              subjectType: 'session',
              subjectId: request.params.id,
            });
          return done;
        });
        if (!ended) throw AppError.notFound('There is no such session of yours.');
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/v1/sessions',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Sign out everywhere: end all my sessions, this one included.',
          response: responses({ 200: Type.Object({ ended: Type.Integer() }) }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return db.withPractice(actor.practiceId, async (tx) => {
          const ended = await revokeUserSessions(tx, actor.userId);
          await audit(tx, auditContextOf(request), {
            action: 'auth.session.revoked',
            subjectType: 'user',
            subjectId: actor.userId,
            detail: { ended },
          });
          return { ended };
        });
      },
    );
  };
}
