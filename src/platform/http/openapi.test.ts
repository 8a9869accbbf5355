import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';

let t: TestApp;
before(async () => (t = await testApp()));
after(() => t.close());

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

test('the OpenAPI document is served and every operation declares its success response schema', async () => {
  const response = await t.app.inject('/api/v1/openapi.json');
  assert.equal(response.statusCode, 200);
  const doc = response.json<{
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
  }>();
  assert.match(doc.openapi, /^3\./);
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })),
  );
  assert.ok(operations.some((o) => o.id === 'GET /readyz'));
  const missing = operations
    .filter(({ op }) => {
      const ok = Object.entries(op.responses ?? {}).filter(
        ([code]) => code.startsWith('2') && code !== '204',
      );
      const noContent = Object.keys(op.responses ?? {}).includes('204');
      return (
        (ok.length === 0 && !noContent) ||
        ok.some(([, r]) => !r.content?.['application/json']?.schema)
      );
    })
    .map((o) => o.id);
  assert.deepEqual(missing, []);
});
