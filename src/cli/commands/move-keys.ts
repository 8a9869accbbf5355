import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../../platform/db/open.ts';
import { LocalKeyring } from '../../platform/keys/local-keyring.ts';
import { loadMasterKey } from '../../platform/keys/master-key.ts';
import { openKeyProvider } from '../../platform/keys/open.ts';
import { moveKeys } from '../../documents/vault-maintenance/move-to-vault.ts';
import type { Command } from '../command.ts';
import { progress } from '../progress.ts';
import { openRuntime } from '../runtime.ts';

export const moveKeysCommand: Command = {
  name: 'move-keys-to-vault',
  usage: 'move-keys-to-vault',
  summary: "Move every data key from the local keyring to Vault's Transit engine.",
  help: `
For a practice that started on the local keyring (the default) and now keeps its
key-encryption keys in HashiCorp Vault. Unwraps every field key and document key with the local
keyring (HEARTH_KEYS_DIR and its master key) and wraps it again with Vault's Transit keys
(HEARTH_VAULT_ADDR, HEARTH_VAULT_TOKEN and the other HEARTH_VAULT_* settings, checked first as
at start-up). The keys themselves do not change: no field or document is re-encrypted.

  1. Stop every Hearth process (servers and workers): a running one would meet keys that its
     local keyring can no longer open.
  2. Run this with HEARTH_KEY_PROVIDER still "local" and the HEARTH_VAULT_* settings added.
  3. Set HEARTH_KEY_PROVIDER=vault and start Hearth again.

Resumable: if it stops (a crash, Ctrl-C, Vault unreachable), running it again moves what is
left. Keep the local keyring and its master key backed up until Hearth has run on Vault; then
they are no longer needed for current keys (old backups of the database still need them).`,
  async run() {
    const runtime = await openRuntime();
    try {
      const { config } = runtime;
      if (config.keyProvider === 'vault') {
        throw new StartupError(
          'HEARTH_KEY_PROVIDER is already "vault": run this with "local", where the keys are now',
        );
      }
      if (!config.vaultAddr || !config.vaultToken) {
        throw new StartupError(
          'set HEARTH_VAULT_ADDR and HEARTH_VAULT_TOKEN to the Vault that is to hold the keys',
        );
      }
      if (!config.masterKey && !existsSync(join(config.keysDir, 'master.key'))) {
        throw new StartupError(
          `no local keyring at ${config.keysDir} (no master.key, no HEARTH_MASTER_KEY): nothing to move`,
        );
      }
      const local = new LocalKeyring(config.keysDir, loadMasterKey(config).key);
      const vault = openKeyProvider({ ...config, keyProvider: 'vault' });
      try {
        await vault.check();
        await vault.keepTokenAlive(runtime.logger);
        const bar = progress('moving keys to Vault', 'practices');
        const report = await moveKeys(runtime.db, local, vault.provider, (p) =>
          bar.update(
            p.practice - 1,
            p.practices,
            `${p.fieldKeys} field keys, ${p.documentKeys} document keys`,
          ),
        );
        bar.stop();
        console.log(
          `moved ${report.fieldKeys} field key(s) and ${report.documentKeys} document key(s) of ${report.practices} practice(s) to Vault; now set HEARTH_KEY_PROVIDER=vault and start Hearth`,
        );
      } finally {
        vault.close();
      }
      return 0;
    } finally {
      await runtime.db.close();
    }
  },
};
