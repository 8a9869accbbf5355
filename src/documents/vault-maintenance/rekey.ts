import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { audit } from '../../platform/audit-trail/record.ts';
import type { FieldCipher } from '../../platform/crypto/field.ts';
import { rekeyPracticeFields } from '../../platform/crypto/field-rekey.ts';
import type { KeyProvider } from '../../platform/keys/provider.ts';
import type { DocumentVault } from '../../platform/document-vault/document-vault.ts';
import { reencryptPracticeDocuments } from '../service.ts';
import { GENERATION_COLUMNS, setGenerationKeys, toGeneration } from '../queries.ts';

const REKEY = { job: 'vault-rekey', reason: 'rotate keys and re-encrypt every practice' };

export interface RekeyServices {
  db: Database;
  fields: FieldCipher;
  keys: KeyProvider;
  vault: DocumentVault;
}

export interface RekeyProgress {
  practice: number;
  practices: number;
  documents: number;
  bytes: number;
  fields: number;
}

export interface RekeyReport {
  runId: string;
  resumed: boolean;
  practices: number;
  documents: number;
  bytes: number;
  fields: number;
  keysDestroyed: number;
  dataKekVersion: number;
  integrityKekVersion: number;
}

/** A run that started and did not finish everywhere: the one to resume. */
async function unfinishedRun(db: Database) {
  return db.unscopedAcrossPractices(REKEY, (tx) =>
    tx
      .selectFrom('key_rotations')
      .select(['run_id', sql<Date>`min(started_at)`.as('started_at')])
      .where('finished_at', 'is', null)
      .groupBy('run_id')
      .orderBy('started_at')
      .executeTakeFirst(),
  );
}

/**
 * Rotation (issue #5 item 7), online and resumable. A new run makes a new KEK version of both
 * lineages, then, practice by practice: moves every sealed field to a fresh field key,
 * re-encrypts every document under fresh keys, and re-wraps whatever keys remain under the new
 * KEKs. Progress lives in `key_rotations` (one row per practice and run) and in the data itself,
 * so after a crash the next call resumes the unfinished run where it stopped instead of
 * starting another. Requests keep being served throughout.
 */
export async function rekey(
  services: RekeyServices,
  options: { reason: 'schedule' | 'command'; onProgress?: (p: RekeyProgress) => void },
): Promise<RekeyReport> {
  const { db, keys } = services;
  const pending = await unfinishedRun(db);
  const runId = pending?.run_id ?? crypto.randomUUID();
  const startedBefore = pending ? new Date(pending.started_at) : new Date();
  if (!pending) {
    await keys.rotate('data');
    await keys.rotate('integrity');
  }
  const dataKekVersion = await keys.currentVersion('data');
  const integrityKekVersion = await keys.currentVersion('integrity');
  const practices = await db.unscopedAcrossPractices(REKEY, (tx) =>
    tx
      .selectFrom('practices')
      .select('id')
      .where('created_at', '<', startedBefore)
      .orderBy('id')
      .execute(),
  );
  const report: RekeyReport = {
    runId,
    resumed: Boolean(pending),
    practices: 0,
    documents: 0,
    bytes: 0,
    fields: 0,
    keysDestroyed: 0,
    dataKekVersion,
    integrityKekVersion,
  };
  for (const [index, { id: practiceId }] of practices.entries()) {
    const done = await db.unscopedAcrossPractices(REKEY, async (tx) => {
      await tx
        .insertInto('key_rotations')
        .values({
          practice_id: practiceId,
          run_id: runId,
          reason: options.reason,
          data_kek_version: dataKekVersion,
          integrity_kek_version: integrityKekVersion,
        })
        .onConflict((oc) => oc.columns(['practice_id', 'run_id']).doNothing())
        .execute();
      const row = await tx
        .selectFrom('key_rotations')
        .select('finished_at')
        .where('practice_id', '=', practiceId)
        .where('run_id', '=', runId)
        .executeTakeFirstOrThrow();
      return row.finished_at !== null;
    });
    if (done) continue;
    const tell = (extra: Partial<RekeyProgress>) =>
      options.onProgress?.({
        practice: index + 1,
        practices: practices.length,
        documents: report.documents,
        bytes: report.bytes,
        fields: report.fields,
        ...extra,
      });
    const fieldResult = await rekeyPracticeFields(db, services.fields, keys, practiceId, {
      startedBefore,
      onProgress: (n) => tell({ fields: report.fields + n }),
    });
    report.fields += fieldResult.reencrypted;
    report.keysDestroyed += fieldResult.keysDestroyed;
    const documents = await reencryptPracticeDocuments(
      db,
      services.vault,
      practiceId,
      { runId, startedBefore },
      (p) => tell({ documents: report.documents + p.documents, bytes: report.bytes + p.bytes }),
    );
    report.documents += documents.documents;
    report.bytes += documents.bytes;
    const rewrapped = await rewrapDocumentKeys(services, practiceId);
    await db.unscopedAcrossPractices(REKEY, (tx) =>
      tx
        .updateTable('key_rotations')
        .set({
          finished_at: new Date(),
          fields_done: fieldResult.reencrypted,
          keys_rewrapped: fieldResult.keysRewrapped + rewrapped,
        })
        .where('practice_id', '=', practiceId)
        .where('run_id', '=', runId)
        .execute(),
    );
    await db.withPractice(practiceId, (tx) =>
      audit(
        tx,
        { actor: { type: 'system', job: 'vault-rekey' } },
        {
          action: 'vault.rekeyed',
          detail: {
            runId,
            documents: documents.documents,
            fields: fieldResult.reencrypted,
            keysDestroyed: fieldResult.keysDestroyed,
            dataKek: dataKekVersion,
            integrityKek: integrityKekVersion,
          },
        },
      ),
    );
    report.practices += 1;
  }
  return report;
}

/** Current document keys still under an older KEK (uploads racing the run) get re-wrapped. */
async function rewrapDocumentKeys(services: RekeyServices, practiceId: string): Promise<number> {
  const { db, vault } = services;
  const [data, integrity] = [
    await services.keys.currentVersion('data'),
    await services.keys.currentVersion('integrity'),
  ];
  return db.withPractice(practiceId, async (tx) => {
    const rows = await tx
      .selectFrom('document_keys')
      .select(GENERATION_COLUMNS)
      .where('state', '=', 'current')
      .where((eb) =>
        eb.or([eb('data_kek_version', '<', data), eb('integrity_kek_version', '<', integrity)]),
      )
      .execute();
    for (const row of rows) {
      const rewrapped = await vault.rewrap(practiceId, toGeneration(row));
      if (rewrapped) await setGenerationKeys(tx, row.id, rewrapped);
    }
    return rows.length;
  });
}

/** Whether the policy wants a run: one unfinished, or a practice not re-keyed for `days`. */
export async function rekeyDue(db: Database, days: number): Promise<boolean> {
  if (days <= 0) return false;
  if (await unfinishedRun(db)) return true;
  const { rows } = await db.unscopedAcrossPractices(REKEY, (tx) =>
    sql<{ due: boolean }>`
      select exists (
        select 1 from practices p
         where coalesce((select max(r.finished_at) from key_rotations r where r.practice_id = p.id),
                        p.created_at) < now() - make_interval(days => ${days})
      ) as due`.execute(tx),
  );
  return rows[0]?.due ?? false;
}
