import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../demo/seed.ts';
import { SESSION_COOKIE } from './session-token.ts';
import { hasPermission, type Permission, type Role } from './roles.ts';

// Every role against every protected action the API has today: allowed exactly when the matrix
// (roles.ts, docs/permissions.md) grants the permission, 403 otherwise, never a 5xx.
interface Action {
  name: string;
  permission: Permission;
  method: 'GET' | 'POST' | 'PATCH';
  url: () => string;
  payload?: () => object;
}

let t: TestApp;
let clientId = '';
const cookies = new Map<Role, string>();

const ACTIONS: Action[] = [
  {
    name: 'read the audit trail',
    permission: 'read:audit:any',
    method: 'GET',
    url: () => '/api/v1/audit-events?limit=1',
  },
  { name: 'read alerts', permission: 'read:alert:any', method: 'GET', url: () => '/api/v1/alerts' },
  { name: 'list staff', permission: 'manage:user:any', method: 'GET', url: () => '/api/v1/users' },
  {
    name: 'read practice settings',
    permission: 'manage:practice:any',
    method: 'GET',
    url: () => '/api/v1/practice',
  },
  {
    name: 'read the outbox',
    permission: 'manage:practice:any',
    method: 'GET',
    url: () => '/api/v1/notifications',
  },
  {
    name: "read a client's access report",
    permission: 'read:audit:any',
    method: 'GET',
    url: () => `/api/v1/clients/${clientId}/access-report`,
  },
  {
    name: 'add a client',
    permission: 'write:client:any',
    method: 'POST',
    url: () => '/api/v1/clients',
    payload: () => ({ firstName: 'Role', lastName: 'Matrix', dateOfBirth: '1990-01-01' }),
  },
  {
    name: 'list all clients',
    permission: 'read:client:any',
    method: 'GET',
    url: () => '/api/v1/clients',
  },
  {
    name: 'search ICD-10-CM codes',
    permission: 'read:diagnosis:any',
    method: 'GET',
    url: () => '/api/v1/icd10/codes?q=anxiety',
  },
  {
    name: "read a client's insurance",
    permission: 'read:insurance:any',
    method: 'GET',
    url: () => `/api/v1/clients/${clientId}/insurance`,
  },
  {
    name: 'list clinicians for the calendar',
    permission: 'read:schedule:any',
    method: 'GET',
    url: () => '/api/v1/clinicians',
  },
  {
    name: "read the week's calendar",
    permission: 'read:schedule:any',
    method: 'GET',
    url: () =>
      `/api/v1/appointments?from=${new Date().toISOString()}&to=${new Date(Date.now() + 7 * 86_400_000).toISOString()}`,
  },
  {
    name: 'add a location',
    permission: 'manage:practice:any',
    method: 'POST',
    url: () => '/api/v1/locations',
    payload: () => ({ name: `Room ${Math.random().toString(36).slice(2, 8)}` }),
  },
  {
    name: 'read the note templates',
    permission: 'read:note:own',
    method: 'GET',
    url: () => '/api/v1/note-templates',
  },
  {
    name: 'read the co-signature queue',
    permission: 'cosign:note:supervisee',
    method: 'GET',
    url: () => '/api/v1/notes/cosign-queue',
  },
];

before(async () => {
  t = await testApp();
  await seedDemo(t.db);
  for (const user of DEMO_USERS) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'sec-fetch-site': 'same-origin' },
      payload: { email: user.email, password: DEMO_PASSWORD },
    });
    const c = r.cookies.find((x) => x.name === SESSION_COOKIE)!;
    cookies.set(user.role, `${SESSION_COOKIE}=${encodeURIComponent(c.value)}`);
  }
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/clients',
    headers: { 'sec-fetch-site': 'same-origin', cookie: cookies.get('admin')! },
    payload: { firstName: 'Matrix', lastName: 'Client', dateOfBirth: '1985-05-05' },
  });
  clientId = created.json<{ id: string }>().id;
});
after(() => t.close());

describe('role × protected action', () => {
  for (const action of ACTIONS) {
    for (const user of DEMO_USERS) {
      const allowed = hasPermission(user.role, action.permission);
      test(`${user.role} ${allowed ? 'may' : 'may not'} ${action.name}`, async () => {
        const r = await t.app.inject({
          method: action.method,
          url: action.url(),
          headers: { 'sec-fetch-site': 'same-origin', cookie: cookies.get(user.role)! },
          ...(action.payload ? { payload: action.payload() } : {}),
        });
        if (allowed)
          assert.ok(r.statusCode >= 200 && r.statusCode < 300, `${r.statusCode} ${r.body}`);
        // Clinicians listing clients see their own caseload instead of a refusal.
        else if (
          action.permission === 'read:client:any' &&
          hasPermission(user.role, 'read:client:own')
        ) {
          assert.equal(r.statusCode, 200);
          assert.ok(r.json<{ items: { id: string }[] }>().items.every((c) => c.id !== clientId));
        } else if (
          action.permission === 'write:client:any' &&
          hasPermission(user.role, 'write:client:own')
        ) {
          assert.equal(r.statusCode, 201, 'a clinician adds a client into their own care');
        } else assert.equal(r.statusCode, 403, r.body);
      });
    }
  }
});
