import { randomBytes } from 'node:crypto';
import { KeyError, type KeyProvider, type KeyPurpose, type WrappedKey } from './provider.ts';
import type { Logger } from '../logging.ts';
import { expectOk, VaultError, VaultHttp, type VaultHttpOptions } from './vault-http.ts';
import { VaultTokenKeeper } from './vault-token.ts';

export interface VaultTransitOptions extends VaultHttpOptions {
  /** HEARTH_VAULT_TRANSIT_MOUNT, e.g. `transit`. */
  mount: string;
  /** HEARTH_VAULT_KEY_PREFIX: the keys are `<prefix>-data` and `<prefix>-integrity`. */
  keyPrefix: string;
}

const PURPOSES: KeyPurpose[] = ['data', 'integrity'];
// AEAD key types, the only ones for which Vault binds `associated_data` into the ciphertext.
const AEAD_TYPES = new Set(['aes256-gcm96', 'chacha20-poly1305']);
const CIPHERTEXT = /^vault:v([1-9]\d{0,8}):[A-Za-z0-9+/]+={0,2}$/;

/**
 * Key-encryption keys in HashiCorp Vault's Transit engine: they never leave Vault, which wraps
 * and unwraps data keys for Hearth. `wrapped` holds the bytes of Vault's ciphertext string
 * `vault:v<N>:<base64>`, and `kekVersion` its N. The context is sent as `associated_data`, so a
 * wrapped key copied to another row or practice does not unwrap. Nothing is cached: every
 * wrap and unwrap asks Vault, so revoking the token stops Hearth at once.
 */
export class VaultTransitProvider implements KeyProvider {
  readonly name = 'vault-transit';
  readonly #http: VaultHttp;
  readonly #mount: string;
  readonly #prefix: string;

  constructor(options: VaultTransitOptions) {
    this.#http = new VaultHttp(options);
    this.#mount = options.mount.replace(/^\/+|\/+$/g, '');
    this.#prefix = options.keyPrefix;
  }

  keyName(purpose: KeyPurpose): string {
    return `${this.#prefix}-${purpose}`;
  }

  async wrap(purpose: KeyPurpose, key: Buffer, context: string): Promise<WrappedKey> {
    const name = this.keyName(purpose);
    const data = await this.#send(`encrypt with ${name}`, 'POST', `encrypt/${name}`, {
      plaintext: key.toString('base64'),
      associated_data: associatedData(purpose, context),
    });
    const ciphertext = data.ciphertext;
    if (typeof ciphertext !== 'string' || !CIPHERTEXT.test(ciphertext)) {
      throw new KeyError(`Vault's answer to encrypt with ${name} holds no ciphertext`);
    }
    return { kekVersion: versionOf(ciphertext), wrapped: Buffer.from(ciphertext, 'utf8') };
  }

  async unwrap(purpose: KeyPurpose, wrapped: WrappedKey, context: string): Promise<Buffer> {
    const name = this.keyName(purpose);
    const ciphertext = wrapped.wrapped.toString('utf8');
    if (!CIPHERTEXT.test(ciphertext)) throw new KeyError('not a Vault Transit ciphertext');
    // The version stored beside the key must be the one inside it: re-keying trusts it.
    if (versionOf(ciphertext) !== wrapped.kekVersion) {
      throw new KeyError(
        `the wrapped key is not of key-encryption key version ${wrapped.kekVersion}`,
      );
    }
    const data = await this.#send(`decrypt with ${name}`, 'POST', `decrypt/${name}`, {
      ciphertext,
      associated_data: associatedData(purpose, context),
    });
    if (typeof data.plaintext !== 'string') {
      throw new KeyError(`Vault's answer to decrypt with ${name} holds no plaintext`);
    }
    return Buffer.from(data.plaintext, 'base64');
  }

  async rotate(purpose: KeyPurpose): Promise<number> {
    const name = this.keyName(purpose);
    await this.#send(`rotate ${name}`, 'POST', `keys/${name}/rotate`, {});
    return this.currentVersion(purpose);
  }

  async currentVersion(purpose: KeyPurpose): Promise<number> {
    const name = this.keyName(purpose);
    const data = await this.#send(`read ${name}`, 'GET', `keys/${name}`);
    if (typeof data.latest_version !== 'number') {
      throw new KeyError(`Vault's answer to read ${name} holds no latest_version`);
    }
    return data.latest_version;
  }

  /**
   * The start-up check: both keys exist (created as aes256-gcm96 if missing and the token may),
   * are AEAD and not derived, and a probe wraps, unwraps, and fails to unwrap under another
   * context — proving the token's policy and that this Vault binds associated data (1.13+).
   */
  async check(): Promise<void> {
    for (const purpose of PURPOSES) {
      const name = this.keyName(purpose);
      let key = await this.#http.call('GET', `${this.#mount}/keys/${name}`);
      if (key.status === 404) {
        await this.#create(name);
        key = await this.#http.call('GET', `${this.#mount}/keys/${name}`);
      }
      const info = expectOk(`read ${name}`, key);
      if (typeof info.type !== 'string' || !AEAD_TYPES.has(info.type) || info.derived === true) {
        throw new KeyError(
          `the Transit key ${name} is ${info.derived === true ? 'derived' : `of type ${String(info.type)}`}; Hearth needs a non-derived aes256-gcm96 key`,
        );
      }
      const probe = randomBytes(32);
      const wrapped = await this.wrap(purpose, probe, 'hearth-start-up-probe');
      const back = await this.unwrap(purpose, wrapped, 'hearth-start-up-probe');
      if (!back.equals(probe)) throw new KeyError(`Vault did not give back the probe for ${name}`);
      const refused = await this.unwrap(purpose, wrapped, 'another-context').then(
        () => false,
        (err: unknown) => {
          if (err instanceof VaultError && err.status === 400) return true;
          throw err;
        },
      );
      if (!refused) {
        throw new KeyError(
          `Vault ignored associated_data with ${name}: Hearth needs Vault 1.13 or later`,
        );
      }
    }
  }

  async #create(name: string): Promise<void> {
    const created = await this.#http.call('POST', `${this.#mount}/keys/${name}`, {
      type: 'aes256-gcm96',
    });
    if (created.status === 403) {
      throw new KeyError(
        `the Transit key ${name} does not exist and the token may not create it; create it with: vault write ${this.#mount}/keys/${name} type=aes256-gcm96`,
      );
    }
    expectOk(`create ${name}`, created);
  }

  async #send(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<Record<string, unknown>> {
    return expectOk(operation, await this.#http.call(method, `${this.#mount}/${path}`, body));
  }

  /** Starts renewing the token (VaultTokenKeeper); stop it before close(). */
  async keepTokenAlive(logger: Logger): Promise<VaultTokenKeeper> {
    const keeper = new VaultTokenKeeper(this.#http, logger);
    await keeper.start();
    return keeper;
  }

  close(): void {
    this.#http.close();
  }
}

function versionOf(ciphertext: string): number {
  return Number(ciphertext.slice('vault:v'.length, ciphertext.indexOf(':', 'vault:v'.length)));
}

/** The purpose is bound too, though the two purposes already use different Vault keys. */
function associatedData(purpose: KeyPurpose, context: string): string {
  return Buffer.from(`hearth:${purpose}:${context}`, 'utf8').toString('base64');
}
