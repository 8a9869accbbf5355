import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.ts';

/** A unique string that stands in for PHI (DESIGN.md invariant 4). */
export function newCanary(): string {
  return `canary-${randomUUID()}`;
}

/**
 * Fails if the canary (or a distinctive part of it) reached the log output or any audit row's
 * detail. Each feature's canary test sends it through its own routes — in bodies, queries,
 * paths and headers, on requests that succeed and that fail — then calls this.
 */
export async function assertCanaryNowhere(t: TestApp, canary: string): Promise<void> {
  const lines = t.logs.lines();
  assert.ok(
    lines.some((l) => l.msg === 'request'),
    'requests were logged at all (else the check proves nothing)',
  );
  const text = t.logs.text();
  assert.ok(!text.includes(canary), 'the canary appeared in the log output');
  assert.ok(!text.includes(canary.slice(7, 20)), 'part of the canary appeared in the log output');
  const details = await t.db.unscopedAcrossPractices(
    { job: 'test', reason: 'canary check of audit detail' },
    (tx) => tx.selectFrom('audit_events').select(['detail']).execute(),
  );
  assert.ok(
    !JSON.stringify(details.map((d) => d.detail)).includes(canary),
    'the canary reached audit detail',
  );
}
