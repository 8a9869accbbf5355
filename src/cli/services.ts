import { FieldCipher } from '../platform/crypto/field.ts';
import { checkBlobStore, openBlobStore } from '../platform/blobs/open.ts';
import { openKeyProvider } from '../platform/keys/open.ts';
import { DocumentVault } from '../platform/document-vault/document-vault.ts';
import type { RekeyServices } from '../documents/vault-maintenance/rekey.ts';
import type { Runtime } from './runtime.ts';

export interface VaultServices extends RekeyServices {
  close(): void;
}

/**
 * The key provider, field encryption and document vault, checked before use: a Vault that does
 * not answer, a bucket that is missing, a blob directory that cannot be written stop the
 * command with one line. Warns once when a new master key has just been made. A Vault token is
 * renewed for as long as the command runs.
 */
export async function openVaultServices(runtime: Runtime): Promise<VaultServices> {
  const { config, db } = runtime;
  const keys = openKeyProvider(config);
  if (keys.newMasterKeyPath) {
    console.error(
      `\n  A new master key was written to ${keys.newMasterKeyPath}.\n  BACK IT UP somewhere safe and separate: without it, encrypted records cannot be read.\n`,
    );
  }
  await keys.check();
  await keys.keepTokenAlive(runtime.logger);
  const blobs = await openBlobStore(config);
  await checkBlobStore(blobs);
  return {
    db,
    keys: keys.provider,
    fields: new FieldCipher(keys.provider),
    vault: new DocumentVault(keys.provider, blobs),
    close: () => keys.close(),
  };
}
