import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldCipher } from '../platform/crypto/field.ts';
import { LocalKeyring } from '../platform/keys/local-keyring.ts';

/** A real local keyring in a temporary directory, sealed by a random master key. */
export function testKeyring(): { keyring: LocalKeyring; dir: string; master: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-keys-'));
  const master = randomBytes(32);
  return { keyring: new LocalKeyring(dir, master), dir, master };
}

export function testFieldCipher(): FieldCipher {
  return new FieldCipher(testKeyring().keyring);
}
