/** Who is making a request. Filled in by the session layer (auth/authenticate.ts). */
export interface Actor {
  userId: string;
  practiceId: string;
  role: string;
  sessionId: string;
  /** Signed in with a password but MFA not yet completed: a half-session. */
  mfaPending: boolean;
}

/**
 * Who may call a route. `public`: anyone; `mfa-pending`: a signed-in user even before MFA
 * (sign-out, /me, the MFA routes); `member` (default for /api/v1): a full session.
 */
export type RouteAccess = 'public' | 'mfa-pending' | 'member';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Why a presented session was not accepted, for a clearer 401. */
    sessionProblem: 'expired' | 'invalid' | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /**
     * A provider's webhook that proves itself by its own signature (Twilio's): the same-origin
     * check for browsers does not apply, since no browser sends it.
     */
    signedWebhook?: boolean;
  }
}
