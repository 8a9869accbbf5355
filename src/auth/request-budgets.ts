import type { FastifyRequest } from 'fastify';
import type { Database } from '../platform/db/database.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { audit } from '../platform/audit-trail/record.ts';
import { RequestBudget, type Refusal } from '../platform/limits/request-budget.ts';
import { RateLimitedError, type RateLimits } from '../platform/limits/rate-limits.ts';
import { accessOf } from './authenticate.ts';
import { auditContextOf } from './context.ts';

const WINDOW_SECONDS = 60;

export interface RequestBudgets {
  /** Requests per minute one session may make to signed-in routes (HEARTH_SESSION_RATE_LIMIT). */
  sessionPerMinute: number;
  /** … all sessions of one practice together (HEARTH_PRACTICE_RATE_LIMIT). */
  practicePerMinute: number;
}

/**
 * Every signed-in request spends from its session's budget and its practice's (issue 14): a
 * stolen session, or a handful, cannot read the practice's records as fast as the server
 * answers. Generous by default, far above a person clicking or the web app's own parallel
 * requests. A refusal is 429 `rate_limited` with Retry-After, recorded once per key and window
 * (across every process sharing Redis), not once per refused request.
 */
export function registerRequestBudgets(
  app: HearthApp,
  db: Database,
  limits: RateLimits,
  budgets: RequestBudgets,
): void {
  const rule = (scope: string, points: number) => ({
    name: `requests-${scope}`,
    points,
    windowSeconds: WINDOW_SECONDS,
  });
  const session = new RequestBudget(rule('session', budgets.sessionPerMinute), limits);
  const practice = new RequestBudget(rule('practice', budgets.practicePerMinute), limits);

  const refuse = async (
    request: FastifyRequest,
    budget: RequestBudget,
    scope: 'session' | 'practice',
    key: string,
    refusal: Refusal,
  ): Promise<never> => {
    const recorded = { ...budget.rule, name: `${budget.rule.name}-recorded`, points: 1 };
    if (refusal.first && (await limits.first(recorded, key))) {
      await db.withPractice(request.actor!.practiceId, (tx) =>
        audit(tx, auditContextOf(request), {
          action: 'auth.rate_limited',
          outcome: 'denied',
          subjectType: scope,
          subjectId: key,
          detail: { scope, limit: budget.rule.points, windowSeconds: WINDOW_SECONDS },
        }),
      );
    }
    throw new RateLimitedError(
      refusal.retryAfterSeconds,
      'Too many requests in a short time. Please wait a moment and try again.',
    );
  };

  app.addHook('onRequest', async (request) => {
    const actor = request.actor;
    if (!actor || accessOf(request) === 'public') return;
    const mine = await session.spend(actor.sessionId);
    if (mine) return refuse(request, session, 'session', actor.sessionId, mine);
    const ours = await practice.spend(actor.practiceId);
    if (ours) return refuse(request, practice, 'practice', actor.practiceId, ours);
  });
}
