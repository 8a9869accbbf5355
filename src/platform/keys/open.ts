import type { Config } from '../../config.ts';
import { LocalKeyring } from './local-keyring.ts';
import { loadMasterKey } from './master-key.ts';
import type { KeyProvider } from './provider.ts';

export interface OpenedKeys {
  provider: KeyProvider;
  /** Set when the master key was generated just now: the operator must back it up. */
  newMasterKeyPath: string | undefined;
}

export function openKeyProvider(config: Pick<Config, 'keysDir' | 'masterKey'>): OpenedKeys {
  const master = loadMasterKey(config);
  return {
    provider: new LocalKeyring(config.keysDir, master.key),
    newMasterKeyPath: master.created ? master.path : undefined,
  };
}
