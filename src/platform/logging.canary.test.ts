import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Type } from 'typebox';
import { testApp, type TestApp } from '../testing/app.ts';

// DESIGN.md invariant 4: no PHI in logs. A unique string stands in for PHI; it is sent in the
// body, the query string, the path and a header of requests to many routes — ones that succeed,
// fail validation, are unknown, and throw — and must appear nowhere in what was logged.
// Later features add their routes to CANARY_ROUTES below.
const CANARY = `canary-${randomUUID()}`;

let t: TestApp;
before(async () => {
  t = await testApp({
    extend: (app) => {
      app.post(
        '/api/v1/test/echo/:name',
        {
          config: { access: 'public' },
          schema: {
            params: Type.Object({ name: Type.String() }),
            body: Type.Object(
              { note: Type.String(), age: Type.Integer() },
              { additionalProperties: false },
            ),
          },
        },
        async (request) => ({ ok: request.body.note.length }),
      );
      // A route that fails the way real code does: an error whose message quotes its input.
      app.post('/api/v1/test/throws', { config: { access: 'public' } }, async (request) => {
        throw new Error(`could not save ${JSON.stringify(request.body)}`);
      });
      // And one whose database error quotes the value it choked on.
      app.get('/api/v1/test/db-error', { config: { access: 'public' } }, async (request) => {
        const value = (request.query as { q?: string }).q ?? '';
        return t.db.withPractice(randomUUID(), (tx) =>
          tx.selectFrom('practices').select('id').where('id', '=', value).execute(),
        );
      });
    },
  });
});
after(() => t.close());

const CANARY_ROUTES: {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  json?: unknown;
}[] = [
  { method: 'GET', url: '/healthz' },
  { method: 'GET', url: '/readyz' },
  { method: 'GET', url: '/api/v1/openapi.json' },
  { method: 'GET', url: '/' },
  { method: 'GET', url: `/api/v1/no-such-route/${CANARY}` },
  { method: 'POST', url: `/api/v1/test/echo/${CANARY}`, json: { note: CANARY, age: 30 } },
  { method: 'POST', url: `/api/v1/test/echo/${CANARY}`, json: { note: CANARY, age: CANARY } },
  { method: 'POST', url: `/api/v1/test/echo/${CANARY}`, json: { note: CANARY, [CANARY]: 1 } },
  { method: 'POST', url: '/api/v1/test/throws', json: { note: CANARY } },
  { method: 'GET', url: `/api/v1/test/db-error?q=${CANARY}` },
  // Identity: PHI-adjacent fields (names, emails, passwords, signatures) in real routes.
  {
    method: 'POST',
    url: '/api/v1/signup',
    json: {
      practiceName: `Practice ${CANARY}`,
      name: `Name ${CANARY}`,
      email: `${CANARY}@example.test`,
      password: 'harbour lantern quiet morning',
      baa: { accepted: true, signature: `Signed ${CANARY}` },
    },
  },
  {
    method: 'POST',
    url: '/api/v1/session',
    json: { email: `${CANARY}@example.test`, password: CANARY },
  },
  {
    method: 'POST',
    url: '/api/v1/session',
    json: { email: `${CANARY}@example.test`, password: 'harbour lantern quiet morning' },
  },
  {
    method: 'POST',
    url: '/api/v1/session',
    json: { email: `nobody-${CANARY}@example.test`, password: CANARY },
  },
  { method: 'GET', url: `/api/v1/audit-events?action=${CANARY}` },
  { method: 'PATCH', url: '/api/v1/practice', json: { name: CANARY } },
];

describe('no PHI in logs (canary)', () => {
  test('the canary string never reaches the log, whatever the route does', async () => {
    for (const route of CANARY_ROUTES) {
      const separator = route.url.includes('?') ? '&' : '?';
      await t.app.inject({
        method: route.method,
        url: `${route.url}${separator}search=${CANARY}`,
        headers: {
          'x-client-note': CANARY,
          'user-agent': CANARY,
          'x-request-id': CANARY,
          cookie: `session=${CANARY}; __Host-hearth_session=${CANARY}`,
          'sec-fetch-site': 'same-origin',
          ...(route.json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(route.json === undefined ? {} : { payload: JSON.stringify(route.json) }),
      });
      // Malformed JSON whose parser error would quote the canary.
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/test/throws',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        payload: `{"note": ${CANARY}}`,
      });
    }
    const lines = t.logs.lines();
    // The test is only meaningful if requests, including failures, were logged at all.
    assert.ok(lines.filter((l) => l.msg === 'request').length >= CANARY_ROUTES.length * 2);
    assert.ok(
      lines.some((l) => l.msg === 'request failed'),
      'a 5xx was logged',
    );
    assert.ok(!t.logs.text().includes(CANARY), 'the canary appeared in the log output');
    // Nor in the audit trail's detail objects, which are kept for six years.
    const details = await t.db.unscopedAcrossPractices({ job: 'test', reason: 'canary' }, (tx) =>
      tx.selectFrom('audit_events').select(['detail', 'action']).execute(),
    );
    assert.ok(
      details.some((d) => d.action === 'auth.signup'),
      'the signup was audited',
    );
    assert.ok(
      details.some((d) => d.action === 'auth.login.failed'),
      'the failed sign-in was audited',
    );
    assert.ok(
      !JSON.stringify(details.map((d) => d.detail)).includes(CANARY),
      'the canary reached audit detail',
    );
    assert.ok(
      !t.logs.text().includes(CANARY.slice(7, 20)),
      'part of the canary appeared in the log output',
    );
  });

  test('a request line carries the route pattern, not the raw URL', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/test/echo/${CANARY}`,
      headers: { 'sec-fetch-site': 'same-origin' },
      payload: { note: 'x', age: 1 },
    });
    const line = t.logs
      .lines()
      .filter((l) => l.msg === 'request')
      .at(-1);
    assert.equal(line?.route, '/api/v1/test/echo/:name');
    assert.equal(line?.status, 200);
    assert.equal(typeof line?.reqId, 'string');
    assert.notEqual(line?.reqId, CANARY);
  });
});
