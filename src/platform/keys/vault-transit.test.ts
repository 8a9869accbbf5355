import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { KeyError, type KeyPurpose } from './provider.ts';
import { startFakeVault, type FakeVault } from './testing/fake-vault.ts';
import { VaultTransitProvider, type VaultTransitOptions } from './vault-transit.ts';

const TOKEN = 'hvs.test-token-that-must-never-be-shown';
let vault: FakeVault;
let provider: VaultTransitProvider;
const options = (extra: Partial<VaultTransitOptions> = {}): VaultTransitOptions => ({
  addr: vault.url,
  token: TOKEN,
  mount: 'transit',
  keyPrefix: 'hearth',
  timeoutMs: 2_000,
  ...extra,
});

/** The error a promise rejects with, checked to be a KeyError that shows no secret. */
async function keyError(promise: Promise<unknown>, ...secrets: Buffer[]): Promise<KeyError> {
  const err = await promise.then(
    () => assert.fail('expected a KeyError'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof KeyError, String(err));
  assert.ok(!err.message.includes(TOKEN), 'the token is never in a message');
  for (const secret of secrets) {
    assert.ok(!err.message.includes(secret.toString('base64')), 'no key material in a message');
  }
  return err;
}

before(async () => {
  vault = await startFakeVault({ token: TOKEN });
  provider = new VaultTransitProvider(options());
  await provider.check();
});
after(async () => {
  provider.close();
  await vault.close();
});

describe('Vault Transit key provider', () => {
  test('the start-up check creates both keys as aes256-gcm96, once', async () => {
    assert.deepEqual([...vault.keys.keys()].sort(), ['hearth-data', 'hearth-integrity']);
    assert.equal(vault.keys.get('hearth-data')?.type, 'aes256-gcm96');
    const creations = () => vault.requests.filter((r) => r === 'POST /v1/transit/keys/hearth-data');
    assert.equal(creations().length, 1);
    await provider.check();
    assert.equal(creations().length, 1, 'existing keys are not created again');
  });

  for (const purpose of ['data', 'integrity'] as KeyPurpose[]) {
    test(`${purpose}: wrap and unwrap round trip; the wrapped form is Vault's ciphertext`, async () => {
      const key = randomBytes(32);
      const wrapped = await provider.wrap(purpose, key, 'practice-key:p1:k1');
      const text = wrapped.wrapped.toString('utf8');
      assert.match(text, new RegExp(`^vault:v${wrapped.kekVersion}:[A-Za-z0-9+/]+=*$`));
      assert.ok(!text.includes(key.toString('base64')));
      assert.deepEqual(await provider.unwrap(purpose, wrapped, 'practice-key:p1:k1'), key);
    });
  }

  test('the context is bound: another context, or the other purpose, does not unwrap', async () => {
    const key = randomBytes(32);
    const wrapped = await provider.wrap('data', key, 'practice-key:p1:k1');
    const err = await keyError(provider.unwrap('data', wrapped, 'practice-key:p2:k1'), key);
    assert.match(err.message, /authentication failed/);
    await keyError(provider.unwrap('integrity', wrapped, 'practice-key:p1:k1'), key);
  });

  test('rotation: new wraps use the new version, old versions still unwrap', async () => {
    const key = randomBytes(32);
    const before = await provider.currentVersion('data');
    const old = await provider.wrap('data', key, 'ctx');
    assert.equal(old.kekVersion, before);
    assert.equal(await provider.rotate('data'), before + 1);
    assert.equal(await provider.currentVersion('data'), before + 1);
    const fresh = await provider.wrap('data', key, 'ctx');
    assert.equal(fresh.kekVersion, before + 1);
    assert.match(fresh.wrapped.toString(), new RegExp(`^vault:v${before + 1}:`));
    assert.deepEqual(await provider.unwrap('data', old, 'ctx'), key);
    assert.deepEqual(await provider.unwrap('data', fresh, 'ctx'), key);
    assert.equal(await provider.currentVersion('integrity'), 1, 'the other lineage is untouched');
  });

  test('a tampered, mislabelled or foreign ciphertext is refused', async () => {
    const key = randomBytes(32);
    const wrapped = await provider.wrap('data', key, 'ctx');
    const text = wrapped.wrapped.toString('utf8');
    const at = text.length - 10;
    const flipped = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    const tampered = { ...wrapped, wrapped: Buffer.from(flipped) };
    assert.match(
      (await keyError(provider.unwrap('data', tampered, 'ctx'), key)).message,
      /HTTP 400/,
    );
    const sent = vault.requests.length;
    await keyError(provider.unwrap('data', { ...wrapped, kekVersion: 7 }, 'ctx'));
    await keyError(provider.unwrap('data', { kekVersion: 1, wrapped: randomBytes(60) }, 'ctx'));
    assert.equal(vault.requests.length, sent, 'refused before asking Vault');
  });

  test('a refused token gives a clear error that never shows the token', async () => {
    const impostor = new VaultTransitProvider(options({ token: 'hvs.wrong' }));
    const err = await keyError(impostor.wrap('data', randomBytes(32), 'ctx'));
    assert.match(
      err.message,
      /refused the token .*HTTP 403: permission denied.*HEARTH_VAULT_TOKEN/,
    );
    assert.ok(!err.message.includes('hvs.wrong'));
    await keyError(impostor.check());
    impostor.close();
  });

  test('Vault down, or hung, gives a clear error quickly', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = new VaultTransitProvider(options({ addr: `http://127.0.0.1:${port}` }));
    const err = await keyError(down.check());
    assert.equal(err.message, `Vault at http://127.0.0.1:${port} is unreachable (ECONNREFUSED)`);
    down.close();

    const hung = new VaultTransitProvider(options({ timeoutMs: 200 }));
    vault.stalled = true;
    try {
      // The stalled Vault never answers: only the 200 ms timeout can end this call.
      const late = await keyError(hung.wrap('data', randomBytes(32), 'ctx'));
      assert.match(late.message, /did not answer within 200 ms/);
    } finally {
      vault.stalled = false;
      hung.close();
    }
  });
});

describe('Vault Transit start-up check refuses what Hearth cannot use', () => {
  test('missing keys the token may not create: the error says how to create them', async () => {
    const locked = await startFakeVault({ token: TOKEN, allowCreate: false });
    const p = new VaultTransitProvider(options({ addr: locked.url }));
    const err = await keyError(p.check());
    assert.match(
      err.message,
      /create it with: vault write transit\/keys\/hearth-data type=aes256-gcm96/,
    );
    p.close();
    await locked.close();
  });

  test('a key that is not AEAD, or is derived, is refused', async () => {
    for (const key of [
      { type: 'rsa-2048', derived: false },
      { type: 'aes256-gcm96', derived: true },
    ]) {
      const odd = await startFakeVault({ token: TOKEN });
      odd.keys.set('hearth-data', { ...key, versions: [randomBytes(32)] });
      const p = new VaultTransitProvider(options({ addr: odd.url }));
      assert.match((await keyError(p.check())).message, /needs a non-derived aes256-gcm96 key/);
      p.close();
      await odd.close();
    }
  });

  test('a Vault that ignores associated data (before 1.13) is refused', async () => {
    const old = await startFakeVault({ token: TOKEN, ignoreAssociatedData: true });
    const p = new VaultTransitProvider(options({ addr: old.url }));
    assert.match((await keyError(p.check())).message, /ignored associated_data.*1\.13/);
    p.close();
    await old.close();
  });
});
