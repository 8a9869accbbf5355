import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as server from './statuses.ts';
import * as web from '../../web/src/scheduling/status.ts';

// The browser keeps its own copy of the status rules (the web build does not reach into the
// server's modules), so that it offers only the changes the server accepts. This keeps the
// two from drifting apart.
test('the web application offers exactly the status changes the server accepts', () => {
  assert.deepEqual(web.TRANSITIONS, server.TRANSITIONS);
  assert.deepEqual([...web.NEEDS_REASON].sort(), [...server.NEEDS_REASON].sort());
  assert.deepEqual([...web.MOVABLE].sort(), [...server.MOVABLE].sort());
  assert.deepEqual(Object.keys(web.REASONS).sort(), [...server.STATUS_REASONS].sort());
});
