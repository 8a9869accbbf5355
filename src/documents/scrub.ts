import type { Database } from '../platform/db/database.ts';
import { audit } from '../platform/audit-trail/record.ts';
import { KeyError } from '../platform/keys/provider.ts';
import { DocumentIntegrityError } from '../platform/crypto/document/index.ts';
import type { DocumentVault } from '../platform/document-vault/document-vault.ts';
import { reportIntegrityFailure } from './integrity.ts';
import { sweepBlobs, type SweepReport } from './sweep.ts';

const SCRUB = { job: 'vault-scrub', reason: "verify every stored document's integrity" };
const PAGE = 200;

export interface ScrubFailure {
  practiceId: string;
  documentId: string;
  reason: string;
}

export interface ScrubReport extends SweepReport {
  documents: number;
  bytes: number;
  failures: ScrubFailure[];
  /** Documents also decrypted end to end (every `sampleEvery`-th). */
  decrypted: number;
  /** Set when this process may not unwrap data keys (an integrity-only key provider token). */
  decryptSkipped: string | null;
}

export interface ScrubOptions {
  /** Decrypt one document in this many as well (0: none). Default 50. */
  sampleEvery?: number;
  onProgress?: (done: number, total: number) => void;
}

interface Row {
  practice_id: string;
  document_id: string;
  client_id: string;
  id: string;
  data_kek_version: number | null;
  data_key_wrapped: Buffer | null;
  integrity_kek_version: number | null;
  hmac_key_wrapped: Buffer | null;
  hmac: Buffer;
  stored_bytes: string;
  segment_size: number;
  blob_key: string;
}

/**
 * The integrity scrub (issue #5 item 6): every current document's blob is read through its
 * HMAC — which needs only the HMAC key, under the `integrity` KEK, so a scrubber can run
 * without the power to decrypt — and a sample is decrypted end to end where the process may.
 * Each mismatch (or missing blob) is audited in its practice and raised as a critical alert.
 * Then leftovers are swept: blobs of retired generations, and orphans of crashed writes.
 */
export async function scrubDocuments(
  db: Database,
  vault: DocumentVault,
  options: ScrubOptions = {},
): Promise<ScrubReport> {
  const sampleEvery = options.sampleEvery ?? 50;
  const total = await db.unscopedAcrossPractices(SCRUB, async (tx) => {
    const row = await tx
      .selectFrom('document_keys')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', '=', 'current')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
  const report: ScrubReport = {
    documents: 0,
    bytes: 0,
    failures: [],
    decrypted: 0,
    decryptSkipped: null,
    retiredRemoved: 0,
    orphansRemoved: 0,
  };
  const perPractice = new Map<string, number>();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Row[] = await db.unscopedAcrossPractices(SCRUB, (tx) =>
      tx
        .selectFrom('document_keys')
        .innerJoin('documents', 'documents.id', 'document_keys.document_id')
        .select([
          'document_keys.practice_id',
          'document_keys.document_id',
          'documents.client_id',
          'document_keys.id',
          'document_keys.data_kek_version',
          'document_keys.data_key_wrapped',
          'document_keys.integrity_kek_version',
          'document_keys.hmac_key_wrapped',
          'document_keys.hmac',
          'document_keys.stored_bytes',
          'document_keys.segment_size',
          'document_keys.blob_key',
        ])
        .where('document_keys.state', '=', 'current')
        .where('document_keys.id', '>', after)
        .orderBy('document_keys.id')
        .limit(PAGE)
        .execute(),
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const reason = await checkOne(vault, row, report, sampleEvery);
      report.documents += 1;
      report.bytes += Number(row.stored_bytes);
      perPractice.set(row.practice_id, (perPractice.get(row.practice_id) ?? 0) + 1);
      if (reason) {
        report.failures.push({ practiceId: row.practice_id, documentId: row.document_id, reason });
        await reportIntegrityFailure(db, row.practice_id, row.document_id, row.client_id, reason);
      }
      options.onProgress?.(report.documents, Math.max(total, report.documents));
    }
    after = rows.at(-1)!.id;
  }
  Object.assign(report, await sweepBlobs(db, vault));
  for (const [practiceId, documents] of perPractice) {
    const failed = report.failures.filter((f) => f.practiceId === practiceId).length;
    await db.withPractice(practiceId, (tx) =>
      audit(
        tx,
        { actor: { type: 'system', job: 'vault-scrub' } },
        { action: 'vault.scrubbed', detail: { documents, failed } },
      ),
    );
  }
  return report;
}

/** The reason a document fails, or null when it is intact. */
async function checkOne(
  vault: DocumentVault,
  row: Row,
  report: ScrubReport,
  sampleEvery: number,
): Promise<string | null> {
  const generation = {
    keyId: row.id,
    documentId: row.document_id,
    integrityKekVersion: row.integrity_kek_version!,
    hmacKeyWrapped: Buffer.from(row.hmac_key_wrapped!),
    hmac: Buffer.from(row.hmac),
    storedBytes: Number(row.stored_bytes),
    segmentSize: row.segment_size,
    blobKey: row.blob_key,
  };
  let verdict;
  try {
    verdict = await vault.verify(row.practice_id, generation);
  } catch (err) {
    if ((err as Error).name === 'BlobNotFoundError') return 'missing';
    if (err instanceof KeyError) return 'key_unavailable';
    throw err;
  }
  if (!verdict.ok) return verdict.reason;
  const sample = sampleEvery > 0 && report.documents % sampleEvery === 0;
  if (!sample || report.decryptSkipped) return null;
  try {
    await vault.checkDecrypts(row.practice_id, {
      ...generation,
      dataKekVersion: row.data_kek_version!,
      dataKeyWrapped: Buffer.from(row.data_key_wrapped!),
    });
    report.decrypted += 1;
    return null;
  } catch (err) {
    if (err instanceof DocumentIntegrityError) return err.reason;
    // The first data key that cannot be unwrapped says this process holds no data keys (a
    // scrub-only provider token); after one has opened, it says this key is missing.
    if (err instanceof KeyError && report.decrypted === 0) {
      report.decryptSkipped = 'this process may not unwrap data keys';
      return null;
    }
    if (err instanceof KeyError) return 'key_unavailable';
    throw err;
  }
}
