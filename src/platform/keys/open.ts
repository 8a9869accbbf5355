import type { Config } from '../settings.ts';
import type { Logger } from '../logging.ts';
import { StartupError } from '../db/open.ts';
import { LocalKeyring } from './local-keyring.ts';
import { loadMasterKey } from './master-key.ts';
import { KeyError, type KeyProvider } from './provider.ts';
import { VaultTransitProvider } from './vault-transit.ts';

export interface OpenedKeys {
  provider: KeyProvider;
  /** Set when the master key was generated just now: the operator must back it up. */
  newMasterKeyPath: string | undefined;
  /**
   * Proves the provider usable before the server starts: for Vault, that it answers, accepts
   * the token and holds both keys (see VaultTransitProvider.check). Fails with one line.
   */
  check(): Promise<void>;
  /**
   * For Vault, looks the token up and renews it from then on (VaultTokenKeeper); a token that
   * cannot be renewed is reported in the log. Nothing to do for the local keyring.
   */
  keepTokenAlive(logger: Logger): Promise<void>;
  /** Stops renewing and releases connections (Vault's keep-alive sockets). */
  close(): void;
}

export type KeyProviderConfig = Pick<
  Config,
  | 'keyProvider'
  | 'keysDir'
  | 'masterKey'
  | 'vaultAddr'
  | 'vaultToken'
  | 'vaultTransitMount'
  | 'vaultKeyPrefix'
  | 'vaultCaFile'
>;

/** The provider `HEARTH_KEY_PROVIDER` names; construction is synchronous, `check` is not. */
export function openKeyProvider(config: KeyProviderConfig): OpenedKeys {
  if (config.keyProvider === 'vault') {
    const { vaultAddr: addr, vaultToken: token } = config;
    if (!addr || !token) {
      throw new StartupError(
        'HEARTH_KEY_PROVIDER=vault needs HEARTH_VAULT_ADDR and HEARTH_VAULT_TOKEN',
      );
    }
    let vault: VaultTransitProvider;
    try {
      vault = new VaultTransitProvider({
        addr,
        token,
        caFile: config.vaultCaFile,
        mount: config.vaultTransitMount,
        keyPrefix: config.vaultKeyPrefix,
      });
    } catch (err) {
      throw startupError(err);
    }
    let keeper: { stop(): void } | undefined;
    return {
      provider: vault,
      newMasterKeyPath: undefined,
      check: () => vault.check().catch((err: unknown) => Promise.reject(startupError(err))),
      keepTokenAlive: async (logger) => {
        keeper = await vault
          .keepTokenAlive(logger)
          .catch((err: unknown) => Promise.reject(startupError(err)));
      },
      close: () => {
        keeper?.stop();
        vault.close();
      },
    };
  }
  const master = loadMasterKey(config);
  return {
    provider: new LocalKeyring(config.keysDir, master.key),
    newMasterKeyPath: master.created ? master.path : undefined,
    check: async () => {},
    keepTokenAlive: async () => {},
    close: () => {},
  };
}

/** Key errors are configuration or reachability problems at start: one line, no stack. */
function startupError(err: unknown): unknown {
  return err instanceof KeyError ? new StartupError(`key provider: ${err.message}`) : err;
}
