import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_TYPES_FILE, apiTypesStaleness, openApiDocument, renderApiTypes } from './api-types.ts';

const document = await openApiDocument();

test('the web app’s generated API types match the current OpenAPI document', async () => {
  const stale = apiTypesStaleness(
    readFileSync(API_TYPES_FILE, 'utf8'),
    await renderApiTypes(document),
  );
  assert.ok(stale === undefined, stale);
});

test('a changed route schema makes the checked-in types stale', async () => {
  const changed = structuredClone(document);
  const me = (changed.paths?.['/api/v1/me'] as { get?: { summary?: string } } | undefined)?.get;
  assert.ok(me, 'GET /api/v1/me is in the document');
  me.summary = 'Someone else entirely.';
  const stale = apiTypesStaleness(
    readFileSync(API_TYPES_FILE, 'utf8'),
    await renderApiTypes(changed),
  );
  assert.match(
    stale ?? '',
    /^web\/src\/api\/schema\.ts is stale: run npm run api-types \(line \d+/,
  );
  assert.match(stale ?? '', /Someone else entirely/);
});
