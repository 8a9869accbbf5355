import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { DocumentVault } from '../platform/document-vault/document-vault.ts';
import { insertGeneration, toGeneration, GENERATION_COLUMNS } from './queries.ts';
import { removeBlobs } from './sweep.ts';

export interface DocumentRekeyProgress {
  documents: number;
  bytes: number;
}

/**
 * Re-encrypts each of a practice's documents whose current generation predates `startedBefore`
 * under a fresh data key, HMAC key and nonce prefix, one document at a time and online:
 * - the new generation is written to a blob of its own while readers keep using the current one;
 * - the switch is one transaction — the old generation retired with its wrapped keys destroyed,
 *   the new one made current, the run's progress counted — and only if the document is still
 *   there on the same generation (a delete or another re-key meanwhile wins, and the new blob
 *   is removed);
 * - the old blob is removed by the sweep after a grace period, so a download that began
 *   before the switch finishes.
 * A crash loses at most the document in flight (its new blob is an orphan the sweep removes);
 * the next run starts again from the documents still on an old generation.
 */
export async function reencryptPracticeDocuments(
  db: Database,
  vault: DocumentVault,
  practiceId: string,
  run: { runId: string; startedBefore: Date },
  onDocument?: (progress: DocumentRekeyProgress) => void,
): Promise<DocumentRekeyProgress> {
  const progress: DocumentRekeyProgress = { documents: 0, bytes: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db.withPractice(practiceId, (tx) =>
      tx
        .selectFrom('document_keys')
        .select(GENERATION_COLUMNS)
        .where('state', '=', 'current')
        .where('created_at', '<', run.startedBefore)
        .where('document_id', '>', after)
        .orderBy('document_id')
        .limit(50)
        .execute(),
    );
    if (batch.length === 0) return progress;
    for (const row of batch) {
      const old = toGeneration(row);
      const plaintext = await vault.read(practiceId, old);
      const next = await vault.write(practiceId, old.documentId, plaintext);
      const switched = await db.withPractice(practiceId, async (tx) => {
        const retired = await tx
          .updateTable('document_keys')
          .set({
            state: 'retired',
            retired_at: new Date(),
            data_key_wrapped: null,
            hmac_key_wrapped: null,
          })
          .where('id', '=', old.keyId)
          .where('state', '=', 'current')
          .returning('id')
          .executeTakeFirst();
        if (!retired) return false;
        await insertGeneration(tx, next);
        await tx
          .updateTable('key_rotations')
          .set({
            documents_done: sql<number>`documents_done + 1`,
            bytes_done: sql<string>`bytes_done + ${next.plaintextBytes}`,
          })
          .where('run_id', '=', run.runId)
          .execute();
        return true;
      });
      if (!switched) {
        await removeBlobs(vault, [next.blobKey]);
        continue;
      }
      progress.documents += 1;
      progress.bytes += next.plaintextBytes;
      onDocument?.(progress);
    }
    after = batch.at(-1)!.document_id;
  }
}
