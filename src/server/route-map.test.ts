import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { RouteEntry } from '../platform/http/route-map.ts';
import { ROUTE_MAP_FILE, renderRouteMap } from './route-map.ts';
import { routeMapApp } from '../testing/route-map-app.ts';

const root = join(import.meta.dirname, '..', '..');
let routes: readonly RouteEntry[] = [];
let close = async () => {};

before(async () => {
  ({ routes, close } = await routeMapApp());
});
after(() => close());

test('docs/routes.md lists the routes as the app registers them', () => {
  const onDisk = readFileSync(join(root, ROUTE_MAP_FILE), 'utf8');
  assert.ok(onDisk === renderRouteMap(routes), 'docs/routes.md is stale: run npm run routes');
});

test('every route is traced to the file that registers it', () => {
  assert.ok(routes.length > 50, `only ${routes.length} routes recorded`);
  const untraced = routes.filter(
    (r) => !r.file.startsWith('src/') || !existsSync(join(root, r.file)),
  );
  assert.deepEqual(
    untraced.map((r) => `${r.method} ${r.url}: ${r.file}`),
    [],
  );
  const clients = routes.find((r) => r.method === 'GET' && r.url === '/api/v1/clients/:id');
  assert.equal(clients?.file, 'src/clients/routes.ts');
});
