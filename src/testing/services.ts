import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore } from '../platform/blobs/fs-store.ts';
import { FieldCipher } from '../platform/crypto/field.ts';
import { LocalKeyring } from '../platform/keys/local-keyring.ts';
import { RateLimits } from '../platform/limits/rate-limits.ts';
import { DocumentVault } from '../platform/document-vault/document-vault.ts';
import { testKeyring } from './keys.ts';

export interface TestServices {
  fields: FieldCipher;
  limits: RateLimits;
  vault: DocumentVault;
  /** The real local keyring behind both, in a temporary directory. */
  keyring: LocalKeyring;
  keysDir: string;
  /** The filesystem blob store's directory, for tests that look at or tamper with blobs. */
  blobDir: string;
}

/**
 * What the app needs beside the database, real and local: keyring, blob store, limits. Each in
 * a fresh temporary directory unless given (tests that share them with a child process).
 */
export function testServices(
  options: { limits?: RateLimits; keysDir?: string; masterKey?: Buffer; blobDir?: string } = {},
): TestServices {
  const { keyring, dir } =
    options.keysDir && options.masterKey
      ? {
          keyring: new LocalKeyring(options.keysDir, options.masterKey),
          dir: options.keysDir,
        }
      : testKeyring();
  const blobDir = options.blobDir ?? mkdtempSync(join(tmpdir(), 'hearth-blobs-'));
  return {
    fields: new FieldCipher(keyring),
    limits: options.limits ?? new RateLimits(),
    vault: new DocumentVault(keyring, new FsBlobStore(blobDir)),
    keyring,
    keysDir: dir,
    blobDir,
  };
}
