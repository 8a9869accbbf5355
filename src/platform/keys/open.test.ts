import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../server/config/load.ts';
import { StartupError } from '../db/open.ts';
import { openKeyProvider } from './open.ts';
import { startFakeVault, type FakeVault } from './testing/fake-vault.ts';

const TOKEN = 'hvs.open-test-token';
let vault: FakeVault;
before(async () => {
  vault = await startFakeVault({ token: TOKEN, mount: 'kms/transit' });
});
after(() => vault.close());

const vaultEnv = (extra: Record<string, string> = {}) => ({
  HEARTH_KEY_PROVIDER: 'vault',
  HEARTH_VAULT_ADDR: vault.url,
  HEARTH_VAULT_TOKEN: TOKEN,
  HEARTH_VAULT_TRANSIT_MOUNT: 'kms/transit',
  HEARTH_VAULT_KEY_PREFIX: 'clinic',
  ...extra,
});

test('HEARTH_KEY_PROVIDER=vault: the Transit provider with the mount and key names configured', async () => {
  const keys = openKeyProvider(loadConfig(vaultEnv()));
  assert.equal(keys.provider.name, 'vault-transit');
  assert.equal(keys.newMasterKeyPath, undefined);
  await keys.check();
  assert.deepEqual([...vault.keys.keys()].sort(), ['clinic-data', 'clinic-integrity']);
  const key = randomBytes(32);
  const wrapped = await keys.provider.wrap('integrity', key, 'ctx');
  assert.deepEqual(await keys.provider.unwrap('integrity', wrapped, 'ctx'), key);
  assert.ok(vault.requests.includes('POST /v1/kms/transit/encrypt/clinic-integrity'));
  keys.close();
});

test('a Vault that refuses the token fails the start-up check with one line', async () => {
  const keys = openKeyProvider(loadConfig(vaultEnv({ HEARTH_VAULT_TOKEN: 'hvs.nope' })));
  await assert.rejects(keys.check(), (err: unknown) => {
    assert.ok(err instanceof StartupError);
    assert.match(err.message, /^key provider: Vault refused the token/);
    assert.ok(!err.message.includes('\n') && !err.message.includes('hvs.nope'));
    return true;
  });
  keys.close();
});

test('an unreadable HEARTH_VAULT_CA_FILE fails at once', () => {
  const env = vaultEnv({
    HEARTH_VAULT_ADDR: 'https://127.0.0.1:8200',
    HEARTH_VAULT_CA_FILE: '/nope.pem',
  });
  assert.throws(() => openKeyProvider(loadConfig(env)), StartupError);
});

test('by default, the local keyring, whose check has nothing to prove', async () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'hearth-keys-'));
  const keys = openKeyProvider(loadConfig({ HEARTH_KEYS_DIR: keysDir }));
  assert.equal(keys.provider.name, 'local-keyring');
  assert.equal(keys.newMasterKeyPath, join(keysDir, 'master.key'));
  await keys.check();
  keys.close();
});
