import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import type { HearthApp } from '../platform/http/types.ts';
import type { RouteAccess } from '../platform/http/request-context.ts';
import { revokeSession, selectSessionState, type SessionState } from './queries.ts';
import { clientAddress } from '../platform/http/client-address.ts';
import { audit } from '../platform/audit-trail/record.ts';
import { auditContextOf } from './context.ts';
import { decodeSessionValue, hashToken, SESSION_COOKIE } from './session-token.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function accessOf(request: FastifyRequest): RouteAccess {
  return routeAccess(request.routeOptions.url ?? '', request.routeOptions.config);
}

/** Who may call a route: as it declares, else members for the API and anyone for the rest. */
export function routeAccess(
  url: string,
  config: { access?: RouteAccess } | undefined,
): RouteAccess {
  if (config?.access) return config.access;
  return url.startsWith('/api/v1/') && url !== '/api/v1/openapi.json' ? 'member' : 'public';
}

/**
 * Unsafe methods must come from Hearth's own pages: SameSite=Strict already keeps the cookie off
 * cross-site requests, and this refuses them outright (and protects sign-in from login CSRF).
 * Hearth's origin is its public address alone: an Origin that merely equals the Host header
 * proves nothing, since whoever sends the request chooses both.
 */
function checkSameOrigin(request: FastifyRequest, publicUrl: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  // A public webhook checks its provider's signature instead (src/messaging/routes.ts).
  if (request.routeOptions.config?.signedWebhook && accessOf(request) === 'public') return;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site === 'same-origin') return;
    throw new AppError('cross_origin', {
      status: 403,
      message: 'Requests from other sites are not accepted.',
    });
  }
  const origin = request.headers.origin;
  if (origin === publicUrl) return;
  throw new AppError(origin ? 'cross_origin' : 'origin_required', {
    status: 403,
    message: origin
      ? 'Requests from other sites are not accepted.'
      : 'This request must say where it comes from (an Origin header); use Hearth in a browser.',
  });
}

/**
 * On every request: the session, the user and the practice are checked afresh, so a suspended
 * user or practice is cut off at the very next request, and idle or expired sessions end.
 */
async function loadActor(request: FastifyRequest, db: Database): Promise<void> {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return;
  const unsigned = request.unsignCookie(raw);
  const decoded = unsigned.valid && unsigned.value ? decodeSessionValue(unsigned.value) : null;
  if (!decoded) {
    // A forged or altered cookie names no practice we can trust, so there is no practice's
    // audit trail to record it in: the log (no values) is where it shows.
    request.log.warn({ reason: 'session_cookie_signature' }, 'session cookie refused');
    request.sessionProblem = 'invalid';
    return;
  }
  // The common case — a session that stands — is one round trip and nothing more.
  const state = await selectSessionState(
    db,
    decoded.practiceId,
    hashToken(decoded.token),
    clientAddress(request.ip),
  );
  const standing =
    state &&
    !state.revoked &&
    state.address_allowed &&
    !state.expired &&
    !state.idle &&
    state.user_status === 'active' &&
    state.practice_status === 'active';
  const actor = standing
    ? {
        userId: state.user_id,
        practiceId: decoded.practiceId,
        role: state.role,
        sessionId: state.id,
        mfaPending: state.mfa_pending,
      }
    : await refuseSession(request, db, decoded.practiceId, state);
  if (actor === 'address') {
    throw new AppError('address_not_allowed', {
      status: 403,
      message:
        "Your practice only allows Hearth from its own network addresses, and this isn't one of them.",
    });
  }
  if (actor) request.actor = actor;
  else request.sessionProblem = 'expired';
}

/**
 * A presented session that does not stand: the refusal is recorded in its practice's audit
 * trail (the cookie's signature proves Hearth issued it for that practice), and a session that
 * has ended — expired, idle, or its user or practice no longer active — is revoked.
 */
async function refuseSession(
  request: FastifyRequest,
  db: Database,
  practiceId: string,
  state: SessionState | undefined,
): Promise<'address' | null> {
  return db.withPractice(practiceId, async (tx) => {
    const refuse = (reason: string) =>
      audit(
        tx,
        {
          ...auditContextOf(request),
          actor: state
            ? { type: 'user', userId: state.user_id, role: state.role }
            : { type: 'anonymous' },
        },
        {
          action: 'auth.access.denied',
          outcome: 'denied',
          subjectType: 'session',
          ...(state ? { subjectId: state.id } : {}),
          detail: { reason },
        },
      );
    if (!state || state.revoked) {
      await refuse(state ? 'session_revoked' : 'session_unknown');
      return null;
    }
    // Outside the practice's allowlist: refused now, the session kept for when they are back.
    if (!state.address_allowed) {
      await refuse('ip_allowlist');
      return 'address';
    }
    await revokeSession(tx, state.id);
    await refuse(
      state.expired ? 'session_expired' : state.idle ? 'session_idle' : 'account_inactive',
    );
    return null;
  });
}

export function registerAuthentication(app: HearthApp, db: Database, publicUrl: string): void {
  app.decorateRequest('sessionProblem', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    await loadActor(request, db);
    // Every unsafe method, whatever the path: a percent-encoded '/%61pi/' must not slip past.
    try {
      checkSameOrigin(request, publicUrl);
    } catch (err) {
      const actor = request.actor;
      if (actor) {
        await db.withPractice(actor.practiceId, (tx) =>
          audit(tx, auditContextOf(request), {
            action: 'auth.access.denied',
            outcome: 'denied',
            detail: { reason: (err as AppError).code },
          }),
        );
      }
      throw err;
    }
    if (request.sessionProblem === 'expired' || request.sessionProblem === 'invalid') {
      void reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'strict',
      });
    }
  });
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const access = accessOf(request);
    if (access === 'public') return;
    if (!request.actor) {
      throw new AppError(
        request.sessionProblem === 'expired' ? 'session_expired' : 'unauthenticated',
        {
          status: 401,
          message:
            request.sessionProblem === 'expired'
              ? 'Your session has ended. Please sign in again.'
              : 'Please sign in.',
        },
      );
    }
    if (request.actor.mfaPending && access !== 'mfa-pending') {
      throw new AppError('mfa_required', {
        status: 403,
        message: 'Finish signing in with your second factor first.',
      });
    }
  });
}
