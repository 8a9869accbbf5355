import type { Database } from '../platform/db/database.ts';
import type { DocumentVault } from '../platform/document-vault/document-vault.ts';

const SWEEP = { job: 'vault-sweep', reason: 'remove blobs no document uses any more' };

/** A retired generation's blob may still be streaming to a reader who began before the switch. */
export const RETIRED_GRACE_MINUTES = 10;
/** An unreferenced blob younger than this may be an upload or re-encryption about to commit. */
export const ORPHAN_AGE_MINUTES = 60;

/**
 * Deletes blobs, best effort: a blob that cannot be deleted now (the store is down) stays
 * referenced by its retired generation, or stays an orphan, and the sweep deletes it later.
 * Answers the keys that are gone.
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

export interface SweepReport {
  retiredRemoved: number;
  orphansRemoved: number;
}

/**
 * Removes what no document needs: blobs of generations retired (keys already destroyed) more
 * than the grace period ago, with their rows; and orphans — blobs no generation refers to,
 * left by a crash between writing a blob and committing it — once they are old enough.
 */
export async function sweepBlobs(
  db: Database,
  vault: DocumentVault,
  now = Date.now(),
): Promise<SweepReport> {
  const retired = await db.unscopedAcrossPractices(SWEEP, (tx) =>
    tx
      .selectFrom('document_keys')
      .select('blob_key')
      .where('state', '=', 'retired')
      .where('retired_at', '<', new Date(now - RETIRED_GRACE_MINUTES * 60_000))
      .execute(),
  );
  const gone = await removeBlobs(
    vault,
    retired.map((r) => r.blob_key),
  );
  if (gone.length > 0) {
    await db.unscopedAcrossPractices(SWEEP, (tx) =>
      tx
        .deleteFrom('document_keys')
        .where('state', '=', 'retired')
        .where('blob_key', 'in', gone)
        .execute(),
    );
  }
  let orphansRemoved = 0;
  const cutoff = now - ORPHAN_AGE_MINUTES * 60_000;
  let batch: string[] = [];
  const flush = async () => {
    const known = await db.unscopedAcrossPractices(SWEEP, (tx) =>
      tx.selectFrom('document_keys').select('blob_key').where('blob_key', 'in', batch).execute(),
    );
    const referenced = new Set(known.map((k) => k.blob_key));
    const orphans = batch.filter((key) => !referenced.has(key));
    orphansRemoved += (await removeBlobs(vault, orphans)).length;
    batch = [];
  };
  for await (const entry of vault.blobs.list()) {
    if (entry.modifiedAt.getTime() > cutoff) continue;
    batch.push(entry.key);
    if (batch.length >= 500) await flush();
  }
  if (batch.length > 0) await flush();
  return { retiredRemoved: gone.length, orphansRemoved };
}
