import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RouteEntry } from '../platform/http/route-map.ts';
import { testApp } from '../testing/app.ts';
import { testDatabase } from '../testing/database.ts';
import { routeMapApp } from '../testing/route-map-app.ts';
import { routeAccess } from './authenticate.ts';
import { PERMISSIONS } from './roles.ts';

let routes: readonly RouteEntry[] = [];
let close = async () => {};

before(async () => {
  ({ routes, close } = await routeMapApp());
});
after(() => close());

test('every non-public route declares a known permission, or says it needs none', () => {
  const known = new Set<string>([...PERMISSIONS, 'signed-in']);
  const members = routes.filter((r) => routeAccess(r.url, r.config) !== 'public');
  assert.ok(members.length > 50, `only ${members.length} member routes`);
  const undeclared = members.filter((r) => {
    const need = r.config.permission;
    if (need === undefined) return true;
    const listed: readonly string[] = typeof need === 'string' ? [need] : need;
    return listed.length === 0 || !listed.every((p) => known.has(p));
  });
  assert.deepEqual(
    undeclared.map((r) => `${r.method} ${r.url}`),
    [],
  );
});

test('a member route that declares no permission cannot be registered', async () => {
  const database = await testDatabase({ migrated: false });
  try {
    await assert.rejects(
      testApp({
        database,
        extend: (app) => {
          app.get('/api/v1/test/forgotten', async () => ({ ok: true }));
        },
      }),
      /GET \/api\/v1\/test\/forgotten declares no permission/,
    );
  } finally {
    await database.close();
  }
});
