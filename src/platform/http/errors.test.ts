import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Type } from 'typebox';
import { testApp, type TestApp } from '../../testing/app.ts';
import { AppError } from '../errors.ts';

let t: TestApp;
const practiceId = randomUUID();

// A route that writes, so each bad request can be shown to change nothing.
before(async () => {
  t = await testApp({
    extend: (app, db) => {
      app.post(
        '/api/v1/test/practice-name',
        {
          config: { access: 'public' },
          schema: {
            body: Type.Object(
              {
                name: Type.String({ minLength: 1, maxLength: 200 }),
                rank: Type.Optional(Type.Integer()),
              },
              { additionalProperties: false },
            ),
            response: { 201: Type.Object({ id: Type.String() }, { additionalProperties: false }) },
          },
        },
        async (request, reply) => {
          await db.withPractice(practiceId, (tx) =>
            tx
              .insertInto('practices')
              .values({ id: practiceId, name: request.body.name })
              .execute(),
          );
          return reply.code(201).send({ id: practiceId, secret: 'never sent' } as { id: string });
        },
      );
      app.get('/api/v1/test/conflict', { config: { access: 'public' } }, async () => {
        throw AppError.conflict('This note is signed; unlock it before editing.', 'note_locked');
      });
      app.get('/api/v1/test/crash', { config: { access: 'public' } }, async () => {
        throw new Error('internal detail: password=hunter2');
      });
    },
  });
});
after(() => t.close());

async function practiceCount(): Promise<number> {
  return t.db.withPractice(
    practiceId,
    async (tx) => (await tx.selectFrom('practices').select('id').execute()).length,
  );
}

function post(payload: string, contentType = 'application/json') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/test/practice-name',
    headers: { 'content-type': contentType, 'sec-fetch-site': 'same-origin' },
    payload,
  });
}

describe('bad input gets a 4xx with a clear message and changes nothing', () => {
  const cases: [string, () => ReturnType<typeof post>, number, string, RegExp][] = [
    ['malformed JSON', () => post('{"name": "Ann'), 400, 'invalid_json', /not valid JSON/],
    ['empty JSON body', () => post(''), 400, 'invalid_json', /empty/],
    [
      'a wrong type',
      () => post('{"name": 42}'),
      400,
      'validation_failed',
      /body\.name must be string/,
    ],
    [
      'a missing field',
      () => post('{}'),
      400,
      'validation_failed',
      /missing the required field "name"/,
    ],
    [
      'an unknown field',
      () => post('{"name":"A","isAdmin":true}'),
      400,
      'validation_failed',
      /does not accept: "isAdmin"/,
    ],
    ['a NUL character', () => post('{"name":"A\\u0000B"}'), 400, 'invalid_characters', /NUL/],
    [
      'prototype pollution',
      () => post('{"name":"A","__proto__":{"x":1}}'),
      400,
      'invalid_json',
      /not valid JSON/,
    ],
    [
      'an oversized body',
      () => post(JSON.stringify({ name: 'x'.repeat(1_100_000) })),
      413,
      'payload_too_large',
      /larger than the 1048576 bytes/,
    ],
    [
      'a form instead of JSON',
      () => post('name=A', 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
      /application\/json/,
    ],
  ];
  for (const [what, send, status, code, message] of cases) {
    test(what, async () => {
      const response = await send();
      assert.equal(response.statusCode, status);
      const body = response.json<{ error: { code: string; message: string } }>();
      assert.equal(body.error.code, code);
      assert.match(body.error.message, message);
      assert.deepEqual(Object.keys(body), ['error']);
      assert.equal(await practiceCount(), 0);
    });
  }

  test('a good request writes, and the response carries only declared fields', async () => {
    const response = await post('{"name":"Good Practice"}');
    assert.equal(response.statusCode, 201);
    assert.deepEqual(response.json(), { id: practiceId });
    assert.equal(await practiceCount(), 1);
  });
});

describe('errors have one shape', () => {
  test('an AppError keeps its code, status and message', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/test/conflict' });
    assert.equal(response.statusCode, 409);
    assert.deepEqual(response.json(), {
      error: { code: 'note_locked', message: 'This note is signed; unlock it before editing.' },
    });
  });

  test('a crash is a 500 that shows no internals but a reference', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/test/crash' });
    assert.equal(response.statusCode, 500);
    const { error } = response.json<{ error: { code: string; message: string } }>();
    assert.equal(error.code, 'internal');
    assert.doesNotMatch(response.body, /hunter2|internal detail|at /);
    assert.match(error.message, /[0-9a-f-]{36}/);
  });

  test('an unknown /api route answers JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing?x=1' });
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] ?? '', /application\/json/);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'not_found');
  });

  test('a malformed URL (bad percent-encoding) is a JSON 400, not a 500', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/test/%E0%A4%A' });
    assert.ok(
      response.statusCode === 400 || response.statusCode === 404,
      `got ${response.statusCode}`,
    );
    assert.ok(response.json<{ error: { code: string } }>().error.code);
  });
});

describe('security headers on every response', () => {
  for (const url of ['/healthz', '/api/v1/no-such-thing', '/api/v1/test/crash', '/']) {
    test(url, async () => {
      const { headers } = await t.app.inject({ method: 'GET', url });
      const csp = String(headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(String(headers['strict-transport-security']), /max-age=31536000/);
      assert.equal(headers['x-content-type-options'], 'nosniff');
      assert.equal(headers['x-frame-options'], 'DENY');
      assert.equal(headers['referrer-policy'], 'no-referrer');
      assert.equal(headers['cache-control'], 'no-store');
    });
  }
});
