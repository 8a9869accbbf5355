import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore } from '../platform/blobs/fs-store.ts';
import { FieldCipher } from '../platform/crypto/field.ts';
import type { LocalKeyring } from '../platform/keys/local-keyring.ts';
import { RateLimits } from '../platform/limits/rate-limits.ts';
import { DocumentVault } from '../platform/vault/document-vault.ts';
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

/** What the app needs beside the database, real and local: keyring, blob store, limits. */
export function testServices(options: { limits?: RateLimits } = {}): TestServices {
  const { keyring, dir } = testKeyring();
  const blobDir = mkdtempSync(join(tmpdir(), 'hearth-blobs-'));
  return {
    fields: new FieldCipher(keyring),
    limits: options.limits ?? new RateLimits(),
    vault: new DocumentVault(keyring, new FsBlobStore(blobDir)),
    keyring,
    keysDir: dir,
    blobDir,
  };
}
