/**
 * Key-encryption keys live with a key provider, apart from the database and the blob store.
 * Data keys are stored only wrapped by a versioned KEK. Two lineages: `data` wraps keys that
 * decrypt PHI; `integrity` wraps HMAC keys, so a scrubber can check integrity without being
 * able to decrypt anything.
 */
export type KeyPurpose = 'data' | 'integrity';

export interface WrappedKey {
  kekVersion: number;
  wrapped: Buffer;
}

export interface KeyProvider {
  readonly name: string;
  /** Wraps a 32-byte key under the current KEK of `purpose`; `context` is bound as AAD. */
  wrap(purpose: KeyPurpose, key: Buffer, context: string): Promise<WrappedKey>;
  unwrap(purpose: KeyPurpose, wrapped: WrappedKey, context: string): Promise<Buffer>;
  /** Creates a new KEK version and makes it current; old versions still unwrap. */
  rotate(purpose: KeyPurpose): Promise<number>;
  currentVersion(purpose: KeyPurpose): Promise<number>;
}

export class KeyError extends Error {
  override name = 'KeyError';
}

/**
 * Unwraps a key with `from` and wraps it again with `to` under the same context; the plaintext
 * key is zeroed either way. Rotation passes one provider twice; moving to Vault passes two.
 */
export async function rewrapKey(
  from: KeyProvider,
  to: KeyProvider,
  purpose: KeyPurpose,
  wrapped: WrappedKey,
  context: string,
): Promise<WrappedKey> {
  const key = await from.unwrap(purpose, wrapped, context);
  try {
    return await to.wrap(purpose, key, context);
  } finally {
    key.fill(0);
  }
}
