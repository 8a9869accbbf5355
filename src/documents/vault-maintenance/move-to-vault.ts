import { sql } from 'kysely';
import { GENERATION_COLUMNS, setGenerationKeys, toGeneration } from '../queries.ts';
import { audit } from '../../platform/audit-trail/record.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { rewrapFieldKeyRows } from '../../platform/crypto/field.ts';
import type { KeyProvider } from '../../platform/keys/provider.ts';
import { rewrapGeneration } from '../../platform/document-vault/document-vault.ts';

const MOVE = {
  job: 'move-keys-to-vault',
  reason: 'wrap every data key under Vault instead of the local keyring',
};
/** Keys moved per transaction: a crash loses at most this much work, never a key. */
const BATCH = 100;
/** Vault Transit ciphertext starts so; the local keyring's starts with a random nonce. */
const VAULT_PREFIX = Buffer.from('vault:v', 'utf8');

export interface MoveProgress {
  practice: number;
  practices: number;
  fieldKeys: number;
  documentKeys: number;
}

export interface MoveReport {
  practices: number;
  fieldKeys: number;
  documentKeys: number;
}

const notInVault = (column: string) =>
  sql<boolean>`substring(${sql.ref(column)} from 1 for ${VAULT_PREFIX.length}) <> ${VAULT_PREFIX}`;

/**
 * Moves every data key from one key provider to another — in practice from the local keyring
 * to Vault Transit: each field key (retired ones too) and each current document key is
 * unwrapped by `from` and wrapped by `to` under the same context, then stored in place. The
 * keys themselves do not change, so no field or document is re-encrypted. Each batch commits on
 * its own and a moved key is recognised by its Vault form, so an interrupted move resumes where
 * it stopped when run again. Hearth must be stopped meanwhile: a running server would find keys
 * that its provider can no longer open.
 */
export async function moveKeys(
  db: Database,
  from: KeyProvider,
  to: KeyProvider,
  onProgress?: (p: MoveProgress) => void,
): Promise<MoveReport> {
  const practices = await db.unscopedAcrossPractices(MOVE, (tx) =>
    tx.selectFrom('practices').select('id').orderBy('created_at').execute(),
  );
  const report: MoveReport = { practices: practices.length, fieldKeys: 0, documentKeys: 0 };
  for (const [index, { id: practiceId }] of practices.entries()) {
    const tell = () =>
      onProgress?.({
        practice: index + 1,
        practices: practices.length,
        fieldKeys: report.fieldKeys,
        documentKeys: report.documentKeys,
      });
    tell();
    /** Runs `batch` until it moves less than a full batch, counting into the report. */
    const drain = async (batch: () => Promise<number>, into: 'fieldKeys' | 'documentKeys') => {
      for (;;) {
        const moved = await batch();
        report[into] += moved;
        tell();
        if (moved < BATCH) return;
      }
    };
    // The app role may not update practice_keys: field keys move in a jobs transaction.
    await drain(async () => {
      const moved = await db.unscopedAcrossPractices(MOVE, async (tx) => {
        const rows = await tx
          .selectFrom('practice_keys')
          .select(['id', 'kek_version', 'wrapped'])
          .where('practice_id', '=', practiceId)
          .where(notInVault('wrapped'))
          .orderBy('id')
          .limit(BATCH)
          .execute();
        await rewrapFieldKeyRows(tx, practiceId, rows, from, to);
        return rows.length;
      });
      // Audited as soon as committed: the jobs transaction has no practice's trail to write to.
      if (moved > 0)
        await db.withPractice(practiceId, (tx) => recordMove(tx, to, { fieldKeys: moved }));
      return moved;
    }, 'fieldKeys');
    // Retired document keys hold no wrapped key (destroyed with their copy): only current ones.
    await drain(
      () =>
        db.withPractice(practiceId, async (tx) => {
          const rows = await tx
            .selectFrom('document_keys')
            .select(GENERATION_COLUMNS)
            .where('state', '=', 'current')
            .where((eb) => eb.or([notInVault('data_key_wrapped'), notInVault('hmac_key_wrapped')]))
            .orderBy('id')
            .limit(BATCH)
            .execute();
          for (const row of rows) {
            const keys = await rewrapGeneration(from, to, practiceId, toGeneration(row));
            await setGenerationKeys(tx, row.id, keys);
          }
          if (rows.length > 0) await recordMove(tx, to, { documentKeys: rows.length });
          return rows.length;
        }),
      'documentKeys',
    );
  }
  return report;
}

/** Each batch of moved keys on its practice's audit trail. */
const recordMove = (
  tx: Tx,
  to: KeyProvider,
  moved: { fieldKeys?: number; documentKeys?: number },
) =>
  audit(
    tx,
    { actor: { type: 'system', job: MOVE.job } },
    { action: 'vault.keys_moved', detail: { ...moved, to: to.name } },
  );
