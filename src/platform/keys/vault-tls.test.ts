import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { KeyError } from './provider.ts';
import { startFakeVault, type FakeVault } from './testing/fake-vault.ts';
import { makeTestPki, type TestPki } from './testing/test-ca.ts';
import { VaultTransitProvider } from './vault-transit.ts';

const TOKEN = 'hvs.tls-test-token';
let pki: TestPki;
let vault: FakeVault;
const provider = (caFile: string | undefined) =>
  new VaultTransitProvider({
    addr: vault.url,
    token: TOKEN,
    mount: 'transit',
    keyPrefix: 'hearth',
    caFile,
    timeoutMs: 2_000,
  });

before(async () => {
  pki = await makeTestPki();
  vault = await startFakeVault({ token: TOKEN, tls: pki.server });
});
after(() => vault.close());

test('Vault over TLS with a private CA: HEARTH_VAULT_CA_FILE makes it trusted', async () => {
  assert.match(vault.url, /^https:/);
  const trusted = provider(pki.caFile);
  await trusted.check();
  const key = randomBytes(32);
  const wrapped = await trusted.wrap('data', key, 'ctx');
  assert.deepEqual(await trusted.unwrap('data', wrapped, 'ctx'), key);
  trusted.close();
});

test('without the CA, or with another CA, the certificate is refused with a hint', async () => {
  const other = await makeTestPki('Some Other CA');
  for (const caFile of [undefined, other.caFile]) {
    const p = provider(caFile);
    await assert.rejects(
      p.wrap('data', randomBytes(32), 'ctx'),
      (err: unknown) =>
        err instanceof KeyError &&
        /presented a certificate that cannot be trusted \([A-Z_]+\); set HEARTH_VAULT_CA_FILE/.test(
          err.message,
        ),
    );
    p.close();
  }
});

test('an unreadable CA file is reported when the provider is made', () => {
  assert.throws(
    () => provider('/nonexistent/ca.pem'),
    /cannot read the Vault CA file \/nonexistent\/ca.pem \(ENOENT\)/,
  );
});
