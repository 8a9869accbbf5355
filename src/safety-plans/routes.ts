import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import type { HearthApp } from '../platform/http/types.ts';

export function safetyPlanRoutes(_deps: FeatureDeps) {
  return async (_app: HearthApp) => {};
}
