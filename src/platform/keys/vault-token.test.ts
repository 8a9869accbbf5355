import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { loadConfig } from '../../server/config/load.ts';
import { captureLogs, type CapturedLogs } from '../../testing/logs.ts';
import { openKeyProvider, type OpenedKeys } from './open.ts';
import { KeyError } from './provider.ts';
import { startFakeVault, type FakeVault, type FakeVaultOptions } from './testing/fake-vault.ts';

const TOKEN = 'hvs.renewal-test-token-never-logged';

interface Running {
  vault: FakeVault;
  keys: OpenedKeys;
  logs: CapturedLogs;
  renewals(): number;
  /** Log lines at `level` (pino: 30 info, 40 warn, 50 error) whose message matches. */
  said(level: number, message: RegExp): Record<string, unknown>[];
  close(): Promise<void>;
}

/** A fake Vault with this token lease, and Hearth's keys opened on it and keeping it alive. */
async function running(token: Omit<FakeVaultOptions, 'token'>): Promise<Running> {
  const vault = await startFakeVault({ token: TOKEN, ...token });
  const logs = captureLogs();
  const keys = openKeyProvider(
    loadConfig({
      HEARTH_KEY_PROVIDER: 'vault',
      HEARTH_VAULT_ADDR: vault.url,
      HEARTH_VAULT_TOKEN: TOKEN,
    }),
  );
  await keys.check();
  await keys.keepTokenAlive(logs.logger);
  return {
    vault,
    keys,
    logs,
    renewals: () => vault.requests.filter((r) => r === 'POST /v1/auth/token/renew-self').length,
    said: (level, message) =>
      logs.lines().filter((l) => l.level === level && message.test(String(l.msg))),
    async close() {
      keys.close();
      await vault.close();
      assert.ok(!logs.text().includes(TOKEN), 'the token is never logged');
    },
  };
}

const wrapWorks = async (keys: OpenedKeys) => {
  const key = randomBytes(32);
  const wrapped = await keys.provider.wrap('data', key, 'ctx');
  assert.deepEqual(await keys.provider.unwrap('data', wrapped, 'ctx'), key);
};

describe('the Vault token is kept alive', { concurrency: true }, () => {
  test('a renewable token is renewed at half its lease, so it outlives its TTL; unrenewed, it expires', async () => {
    const r = await running({ ttlSeconds: 2 });
    try {
      assert.equal(r.said(30, /renewing the Vault token/).length, 1);
      await sleep(4_500);
      assert.ok(r.renewals() >= 3, `renewed ${r.renewals()} times in 4.5 s`);
      await wrapWorks(r.keys);
      // The control: once renewal stops (close stops it too), the same token runs out.
      r.keys.close();
      const renewed = r.renewals();
      await sleep(2_500);
      assert.equal(r.renewals(), renewed);
      const err = await r.keys.provider.wrap('data', randomBytes(32), 'ctx').catch((e) => e);
      assert.ok(err instanceof KeyError && /HTTP 403/.test(err.message), String(err));
    } finally {
      await r.close();
    }
  });

  test('a token that cannot be renewed is reported with its expiry, and not renewed', async () => {
    const r = await running({ ttlSeconds: 3_600, renewable: false });
    try {
      const [warning] = r.said(40, /not renewable/);
      assert.ok(warning, r.logs.text());
      const expires = Date.parse(String(warning.expiresAt));
      assert.ok(Math.abs(expires - (Date.now() + 3_600_000)) < 10_000, String(warning.expiresAt));
      assert.equal(r.renewals(), 0);
    } finally {
      await r.close();
    }
  });

  test('a renewal cut short by the maximum TTL is a warning with the expiry', async () => {
    const r = await running({ ttlSeconds: 2, maxTtlSeconds: 3 });
    try {
      await sleep(3_000);
      const [warning] = r.said(40, /maximum TTL/);
      assert.ok(warning, r.logs.text());
      assert.ok(Date.parse(String(warning.expiresAt)) <= Date.now() + 1_500);
      const renewed = r.renewals();
      await sleep(1_500);
      assert.equal(r.renewals(), renewed, 'no renewal is tried once the lease is nearly spent');
    } finally {
      await r.close();
    }
  });

  test('a token that does not expire is left alone', async () => {
    const r = await running({});
    try {
      assert.equal(r.said(30, /does not expire/).length, 1);
      assert.equal(r.said(40, /./).length, 0);
      await sleep(1_200);
      assert.equal(r.renewals(), 0);
    } finally {
      await r.close();
    }
  });

  test('a revoked token: the refusal is logged once, and renewal stops', async () => {
    const r = await running({ ttlSeconds: 2 });
    try {
      r.vault.revoke();
      await sleep(2_500);
      assert.equal(r.renewals(), 1, 'tried once, not again');
      const [refusal] = r.said(50, /refused to renew/);
      assert.ok(refusal, r.logs.text());
      assert.match(String(refusal.error), /HTTP 403/);
    } finally {
      await r.close();
    }
  });

  test('a token without the default policy: a warning that says what to grant, and Hearth goes on', async () => {
    const r = await running({ ttlSeconds: 3_600, noDefaultPolicy: true });
    try {
      assert.equal(r.said(40, /grant it the default policy/).length, 1);
      await wrapWorks(r.keys);
    } finally {
      await r.close();
    }
  });
});
