import { routesOf, type RouteEntry } from '../platform/http/route-map.ts';
import { testApp } from './app.ts';
import { testDatabase } from './database.ts';

/**
 * The app's routes as registered. Registering routes touches no table, so an empty database
 * does; the rest of the app is real.
 */
export async function routeMapApp(): Promise<{
  routes: readonly RouteEntry[];
  close(): Promise<void>;
}> {
  const t = await testApp({ database: await testDatabase({ migrated: false }) });
  return { routes: routesOf(t.app), close: () => t.close() };
}
