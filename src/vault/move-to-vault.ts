import { sql } from 'kysely';
import type { Database, Tx } from '../platform/db/database.ts';
import { keyContext } from '../platform/crypto/field.ts';
import type { KeyProvider, KeyPurpose } from '../platform/keys/provider.ts';
import { wrapContext } from '../platform/vault/document-vault.ts';

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
  const move = async (
    purpose: KeyPurpose,
    wrapped: Uint8Array,
    version: number,
    context: string,
  ) => {
    if (Buffer.from(wrapped).subarray(0, VAULT_PREFIX.length).equals(VAULT_PREFIX)) {
      return { kekVersion: version, wrapped: Buffer.from(wrapped) };
    }
    const key = await from.unwrap(
      purpose,
      { kekVersion: version, wrapped: Buffer.from(wrapped) },
      context,
    );
    try {
      return await to.wrap(purpose, key, context);
    } finally {
      key.fill(0);
    }
  };
  for (const [index, { id: practiceId }] of practices.entries()) {
    const tell = () =>
      onProgress?.({ practice: index + 1, practices: practices.length, ...pick(report) });
    tell();
    for (;;) {
      const moved = await db.unscopedAcrossPractices(MOVE, (tx) =>
        moveFieldKeys(tx, practiceId, move),
      );
      report.fieldKeys += moved;
      tell();
      if (moved < BATCH) break;
    }
    for (;;) {
      const moved = await db.withPractice(practiceId, (tx) =>
        moveDocumentKeys(tx, practiceId, move),
      );
      report.documentKeys += moved;
      tell();
      if (moved < BATCH) break;
    }
  }
  return report;
}

const pick = ({ fieldKeys, documentKeys }: MoveReport) => ({ fieldKeys, documentKeys });

type Move = (
  purpose: KeyPurpose,
  wrapped: Uint8Array,
  version: number,
  context: string,
) => Promise<{ kekVersion: number; wrapped: Buffer }>;

/** A jobs transaction (the app role may not update practice_keys): the practice is named. */
async function moveFieldKeys(tx: Tx, practiceId: string, move: Move): Promise<number> {
  const rows = await tx
    .selectFrom('practice_keys')
    .select(['id', 'kek_version', 'wrapped'])
    .where('practice_id', '=', practiceId)
    .where(notInVault('wrapped'))
    .orderBy('id')
    .limit(BATCH)
    .execute();
  for (const row of rows) {
    const wrapped = await move(
      'data',
      row.wrapped,
      row.kek_version,
      keyContext(practiceId, row.id),
    );
    await tx
      .updateTable('practice_keys')
      .set({ kek_version: wrapped.kekVersion, wrapped: wrapped.wrapped })
      .where('id', '=', row.id)
      .where('practice_id', '=', practiceId)
      .execute();
  }
  return rows.length;
}

/** Retired document keys hold no wrapped key (destroyed with their copy): only current ones. */
async function moveDocumentKeys(tx: Tx, practiceId: string, move: Move): Promise<number> {
  const rows = await tx
    .selectFrom('document_keys')
    .select([
      'id',
      'document_id',
      'data_kek_version',
      'data_key_wrapped',
      'integrity_kek_version',
      'hmac_key_wrapped',
    ])
    .where('state', '=', 'current')
    .where((eb) => eb.or([notInVault('data_key_wrapped'), notInVault('hmac_key_wrapped')]))
    .orderBy('id')
    .limit(BATCH)
    .execute();
  for (const row of rows) {
    const context = wrapContext(practiceId, row.document_id, row.id);
    const data = await move('data', row.data_key_wrapped!, row.data_kek_version!, context);
    const integrity = await move(
      'integrity',
      row.hmac_key_wrapped!,
      row.integrity_kek_version!,
      context,
    );
    await tx
      .updateTable('document_keys')
      .set({
        data_kek_version: data.kekVersion,
        data_key_wrapped: data.wrapped,
        integrity_kek_version: integrity.kekVersion,
        hmac_key_wrapped: integrity.wrapped,
      })
      .where('id', '=', row.id)
      .execute();
  }
  return rows.length;
}
