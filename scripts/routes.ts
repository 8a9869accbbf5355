// Prints the route map and writes it to docs/routes.md (npm run routes).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTE_MAP_FILE, renderRouteMap } from '../src/server/route-map.ts';
import { routeMapApp } from '../src/testing/route-map-app.ts';

const { routes, close } = await routeMapApp();
const map = renderRouteMap(routes);
await close();
writeFileSync(join(import.meta.dirname, '..', ROUTE_MAP_FILE), map);
console.log(map);
