import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { deliveryLogRoutes } from './delivery-log-routes.ts';
import type { MessagingDeps } from './service.ts';
import { webhookRoutes } from './webhook-routes.ts';

/** Twilio's webhooks (in a scope of their own: only they parse forms) and the delivery log. */
export function messagingRoutes(deps: FeatureDeps, messaging?: MessagingDeps) {
  return async (app: HearthApp) => {
    await app.register(webhookRoutes(deps, messaging));
    await app.register(deliveryLogRoutes(deps));
  };
}
