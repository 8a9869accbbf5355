import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { BAA_SHA256, BAA_VERSION } from './agreement.ts';

describe('GET /api/v1/baa', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  test('anyone reads the agreement that sign-up records: same version, same text hash', async () => {
    const res = await t.app.inject('/api/v1/baa');
    assert.equal(res.statusCode, 200);
    const body = res.json<{ version: string; text: string }>();
    assert.deepEqual(Object.keys(body).sort(), ['text', 'version']);
    assert.equal(body.version, BAA_VERSION);
    assert.equal(createHash('sha256').update(body.text, 'utf8').digest('hex'), BAA_SHA256);
    assert.match(body.text, /Business Associate/i);
  });
});
