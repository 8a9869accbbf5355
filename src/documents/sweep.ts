import type { DocumentVault } from '../platform/vault/document-vault.ts';

/**
 * Deletes blobs, best effort: a blob that cannot be deleted now (the store is down) stays
 * referenced by its retired generation, and the scrubber's sweep deletes it later. Answers the
 * keys that are gone.
 */
export async function removeBlobs(vault: DocumentVault, keys: string[]): Promise<string[]> {
  const gone: string[] = [];
  for (const key of keys) {
    try {
      await vault.blobs.delete(key);
      gone.push(key);
    } catch {
      // Left for the sweep.
    }
  }
  return gone;
}
