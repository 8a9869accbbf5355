import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { KeyError, type KeyProvider, type KeyPurpose, type WrappedKey } from './provider.ts';

const IV = 12;
const TAG = 16;

/** AES-256-GCM with the AAD given; output iv ‖ tag ‖ ciphertext. */
export function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function gcmOpen(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV + TAG) throw new KeyError('sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
  } catch {
    throw new KeyError('authentication failed: wrong key, wrong context or altered data');
  }
}

interface KekFile {
  format: 'hearth-kek-v1';
  purpose: KeyPurpose;
  version: number;
  createdAt: string;
  /** The KEK, sealed by the master key. */
  sealed: string;
}

/**
 * The default key provider: a directory of its own (HEARTH_KEYS_DIR, outside the data
 * directory), one file per KEK version, each sealed by the master key, mode 0600.
 */
export class LocalKeyring implements KeyProvider {
  readonly name = 'local-keyring';
  #dir: string;
  #master: Buffer;
  #keks = new Map<string, Buffer>();

  constructor(dir: string, master: Buffer) {
    if (master.length !== 32) throw new KeyError('the master key must be 32 bytes');
    this.#dir = dir;
    this.#master = master;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  #file(purpose: KeyPurpose, version: number): string {
    return join(this.#dir, `kek-${purpose}-v${version}.json`);
  }

  #versions(purpose: KeyPurpose): number[] {
    const prefix = `kek-${purpose}-v`;
    return readdirSync(this.#dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
      .map((f) => Number(f.slice(prefix.length, -'.json'.length)))
      .filter((n) => Number.isInteger(n) && n > 0)
      .sort((a, b) => a - b);
  }

  #kek(purpose: KeyPurpose, version: number): Buffer {
    const id = `${purpose}:${version}`;
    const cached = this.#keks.get(id);
    if (cached) return cached;
    const path = this.#file(purpose, version);
    if (!existsSync(path)) {
      throw new KeyError(`key-encryption key ${purpose} v${version} is missing from the keyring`);
    }
    const file = JSON.parse(readFileSync(path, 'utf8')) as KekFile;
    if (file.format !== 'hearth-kek-v1' || file.purpose !== purpose || file.version !== version) {
      throw new KeyError(`keyring file ${path} does not hold ${purpose} v${version}`);
    }
    const kek = gcmOpen(
      this.#master,
      Buffer.from(file.sealed, 'base64'),
      `hearth-kek:${purpose}:${version}`,
    );
    this.#keks.set(id, kek);
    return kek;
  }

  async currentVersion(purpose: KeyPurpose): Promise<number> {
    return this.#versions(purpose).at(-1) ?? (await this.rotate(purpose));
  }

  async rotate(purpose: KeyPurpose): Promise<number> {
    const version = (this.#versions(purpose).at(-1) ?? 0) + 1;
    const kek = randomBytes(32);
    const file: KekFile = {
      format: 'hearth-kek-v1',
      purpose,
      version,
      createdAt: new Date().toISOString(),
      sealed: gcmSeal(this.#master, kek, `hearth-kek:${purpose}:${version}`).toString('base64'),
    };
    // wx: never overwrite a KEK — two processes rotating at once cannot clobber each other.
    writeFileSync(this.#file(purpose, version), JSON.stringify(file, null, 2), {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(this.#file(purpose, version), 0o600);
    this.#keks.set(`${purpose}:${version}`, kek);
    return version;
  }

  async wrap(purpose: KeyPurpose, key: Buffer, context: string): Promise<WrappedKey> {
    const kekVersion = await this.currentVersion(purpose);
    const wrapped = gcmSeal(
      this.#kek(purpose, kekVersion),
      key,
      `${purpose}:${kekVersion}:${context}`,
    );
    return { kekVersion, wrapped };
  }

  async unwrap(purpose: KeyPurpose, wrapped: WrappedKey, context: string): Promise<Buffer> {
    const kek = this.#kek(purpose, wrapped.kekVersion);
    return gcmOpen(kek, wrapped.wrapped, `${purpose}:${wrapped.kekVersion}:${context}`);
  }
}
