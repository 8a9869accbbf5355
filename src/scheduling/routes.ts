import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { appointmentRoutes } from './appointments/appointment-routes.ts';
import { availabilityRoutes } from './availability/availability-routes.ts';
import { feedRoutes } from './calendar-feeds/feed-routes.ts';
import { locationRoutes } from './locations/location-routes.ts';

export function schedulingRoutes(deps: FeatureDeps) {
  return async (app: HearthApp) => {
    await app.register(availabilityRoutes(deps));
    await app.register(locationRoutes(deps));
    await app.register(appointmentRoutes(deps));
    await app.register(feedRoutes(deps));
  };
}
