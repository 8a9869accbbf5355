import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { seedDemo } from '../demo/seed.ts';
import { FieldCipher, type Sealed } from '../platform/crypto/field.ts';
import { openDatabase } from '../platform/db/open.ts';
import { LocalKeyring } from '../platform/keys/local-keyring.ts';
import { loadMasterKey } from '../platform/keys/master-key.ts';
import { startFakeVault } from '../platform/keys/testing/fake-vault.ts';
import { VaultTransitProvider } from '../platform/keys/vault-transit.ts';
import { cliEnv, MAIN, REPO_ROOT } from '../testing/cli.ts';

// The real command line on an embedded database of its own, with a fake Vault in this process
// (so the command runs as an async child: a blocking spawn would leave Vault unanswered).
const dataDir = mkdtempSync(join(tmpdir(), 'hearth-move-keys-'));
const keysDir = join(dataDir, 'keys');
const TOKEN = 'hvs.move-keys-cli';
after(() => rmSync(dataDir, { recursive: true, force: true }));

function hearth(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: REPO_ROOT,
    env: cliEnv({ HEARTH_DATA_DIR: dataDir, HEARTH_KEYS_DIR: keysDir, ...env }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

const embedded = () =>
  openDatabase({ dataDir, databaseUrl: undefined, databaseCaFile: undefined, databasePoolSize: 1 });
const REF = { table: 'clients', column: 'notes', rowId: '00000000-0000-4000-8000-000000000001' };

describe('hearth move-keys-to-vault', () => {
  test('without Vault settings, or already on Vault, it refuses in one line and changes nothing', async () => {
    const none = await hearth(['move-keys-to-vault']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^hearth: set HEARTH_VAULT_ADDR and HEARTH_VAULT_TOKEN .*\n$/);
    const already = await hearth(['move-keys-to-vault'], {
      HEARTH_KEY_PROVIDER: 'vault',
      HEARTH_VAULT_ADDR: 'http://127.0.0.1:9',
      HEARTH_VAULT_TOKEN: TOKEN,
    });
    assert.equal(already.code, 1);
    assert.match(already.stderr, /already "vault"/);
  });

  test('a value sealed under the local keyring opens through Vault alone afterwards', async () => {
    assert.equal((await hearth(['migrate'])).code, 0);
    // A field key of the demo practice, made and used by the local keyring.
    const local = new LocalKeyring(keysDir, loadMasterKey({ masterKey: undefined, keysDir }).key);
    let db = await embedded();
    let practiceId: string;
    let sealed: Sealed;
    try {
      practiceId = (await seedDemo(db)).practiceId;
      sealed = await db.withPractice(practiceId, (tx) =>
        new FieldCipher(local).seal(tx, REF, 'Prefers mornings'),
      );
    } finally {
      await db.close();
    }

    const vault = await startFakeVault({ token: TOKEN });
    try {
      const env = { HEARTH_VAULT_ADDR: vault.url, HEARTH_VAULT_TOKEN: TOKEN };
      const moved = await hearth(['move-keys-to-vault'], env);
      assert.equal(moved.code, 0, moved.stderr);
      assert.match(
        moved.stdout,
        /^moved 1 field key\(s\) and 0 document key\(s\) of 1 practice\(s\) to Vault/m,
      );
      assert.ok(!moved.stderr.includes(TOKEN) && !moved.stdout.includes(TOKEN));

      const provider = new VaultTransitProvider({
        addr: vault.url,
        token: TOKEN,
        mount: 'transit',
        keyPrefix: 'hearth',
      });
      db = await embedded();
      try {
        const opened = await db.withPractice(practiceId, (tx) =>
          new FieldCipher(provider).open(tx, REF, sealed),
        );
        assert.equal(opened, 'Prefers mornings');
      } finally {
        await db.close();
        provider.close();
      }
      const again = await hearth(['move-keys-to-vault'], env);
      assert.match(again.stdout, /^moved 0 field key\(s\) and 0 document key\(s\)/m);
    } finally {
      await vault.close();
    }
  });
});
