import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import type {} from '@fastify/cookie';
import type { Role } from './roles.ts';
import { Type } from 'typebox';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { permissionsOf } from './roles.ts';
import { selectMe } from './queries.ts';
import { MeAnswer, SessionAnswer, SessionState, SignInBody } from './schemas.ts';
import { signIn, signOut, type RequestInfo, type SignedIn } from './service.ts';
import { encodeSessionValue, SESSION_ABSOLUTE_HOURS, SESSION_COOKIE } from './session-token.ts';

/** Who is asking, for the audit rows of a request made before anyone is signed in. */
export function requestInfo(request: FastifyRequest): RequestInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'], requestId: request.id };
}

/** Sets the session cookie: __Host-, HttpOnly, Secure, SameSite=Strict, HMAC-signed. */
export function setSessionCookie(reply: FastifyReply, practiceId: string, token: string): void {
  void reply.setCookie(SESSION_COOKIE, encodeSessionValue(practiceId, token), {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    signed: true,
    maxAge: SESSION_ABSOLUTE_HOURS * 3600,
  });
}

/** Sets the session cookie and answers who is now signed in. */
export function sessionAnswer(reply: FastifyReply, s: SignedIn) {
  setSessionCookie(reply, s.practiceId, s.token);
  return {
    user: { id: s.userId, role: s.role as Role },
    practice: { id: s.practiceId },
    mfaRequired: s.mfaRequired,
    enrollmentRequired: s.enrollmentRequired,
  };
}

export function authRoutes({ db, limits }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.post(
      '/api/v1/session',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password.',
          body: SignInBody,
          response: responses({ 200: SessionAnswer }),
        },
      },
      async (request, reply) => {
        const signedIn = await signIn(db, limits, request.body, requestInfo(request));
        return reply.send(sessionAnswer(reply, signedIn));
      },
    );

    app.delete(
      '/api/v1/session',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Sign out: the session ends on the server.',
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        await signOut(db, request.actor!, requestInfo(request));
        void reply.clearCookie(SESSION_COOKIE, {
          path: '/',
          secure: true,
          httpOnly: true,
          sameSite: 'strict',
        });
        return reply.code(204).send(null);
      },
    );

    // The browser app's first question on every page, sign-in included: a visitor with no
    // session is the expected answer there, not a failure, so it is a 200 rather than /me's 401
    // (which the browser would log as an error on the sign-in page).
    app.get(
      '/api/v1/session',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'The session this browser holds, if any: who is signed in (as /me), or null.',
          response: responses({ 200: SessionState }),
        },
      },
      async (request) => {
        // A session that just ended is news the browser acts on ("you were signed out"), as
        // from any other route; only a visitor who never had one is answered null.
        if (request.sessionProblem === 'expired') {
          throw new AppError('session_expired', {
            status: 401,
            message: 'Your session has ended. Please sign in again.',
          });
        }
        return { me: request.actor ? await meOf(db, request.actor) : null };
      },
    );

    app.get(
      '/api/v1/me',
      {
        config: { access: 'mfa-pending', permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Who is signed in, with their permissions.',
          response: responses({ 200: MeAnswer }),
        },
      },
      async (request) => meOf(db, request.actor!),
    );
  };
}

async function meOf(db: Database, actor: Actor) {
  const me = await db.withPractice(actor.practiceId, (tx) => selectMe(tx, actor.userId));
  return {
    user: { id: me.id, role: me.role, name: me.name, email: me.email },
    practice: {
      id: me.practiceId,
      name: me.practiceName,
      isDemo: me.is_demo,
      mfaRequired: me.mfa_required,
      idleTimeoutMinutes: me.idle_timeout_minutes,
      timeZone: me.time_zone,
    },
    permissions: [...permissionsOf(me.role)],
    session: { mfaPending: actor.mfaPending },
    mfa: {
      totp: me.totp_enabled_at !== null,
      sms: me.sms_enabled_at !== null,
      passkey: me.hasPasskey,
    },
  };
}
