import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import type { BlobStore } from '../blobs/store.ts';
import {
  createDecryptStream,
  createEncryptStream,
  DEFAULT_SEGMENT_SIZE,
  newDocumentKeys,
  verifyStoredDocument,
  zeroDocumentKeys,
  type DecryptStream,
  type StoredDocumentVerdict,
} from '../crypto/document/index.ts';
import { rewrapKey, type KeyProvider } from '../keys/provider.ts';

/** One generation of a document's keys and blob, as the database keeps it (document_keys). */
export interface DocumentGeneration {
  keyId: string;
  documentId: string;
  dataKekVersion: number;
  dataKeyWrapped: Buffer;
  integrityKekVersion: number;
  hmacKeyWrapped: Buffer;
  hmac: Buffer;
  storedBytes: number;
  segmentSize: number;
  blobKey: string;
}

/** The generation's key material as wrapped for storage, plus where its bytes are. */
export interface WrittenGeneration extends DocumentGeneration {
  plaintextBytes: number;
}

/**
 * Patient documents at rest (DESIGN.md invariant 2): each generation of a document has a fresh
 * data key and HMAC key, wrapped by the key provider's `data` and `integrity` KEKs — the
 * provider lives apart from the database, which keeps only the wrapped keys, and from the blob
 * store, which keeps only ciphertext (format: docs/document-format.md). The wrapping context
 * binds practice, document and generation, so a wrapped key copied to another row does not
 * unwrap.
 */
export class DocumentVault {
  readonly keys: KeyProvider;
  readonly blobs: BlobStore;

  constructor(keys: KeyProvider, blobs: BlobStore) {
    this.keys = keys;
    this.blobs = blobs;
  }

  /**
   * Encrypts `plaintext` into a new blob of its own and answers the generation to record. The
   * blob is complete and durable when this resolves; until the caller commits the generation,
   * nothing refers to it (and the scrubber removes such orphans).
   */
  async write(
    practiceId: string,
    documentId: string,
    plaintext: Readable,
  ): Promise<WrittenGeneration> {
    const material = newDocumentKeys(documentId);
    const context = wrapContext(practiceId, documentId, material.keyId);
    const [data, integrity] = await Promise.all([
      this.keys.wrap('data', material.dataKey, context),
      this.keys.wrap('integrity', material.hmacKey, context),
    ]);
    const encrypt = createEncryptStream(material);
    zeroDocumentKeys(material);
    const blobKey = `${practiceId}/${documentId}/${material.keyId}`;
    // pipeline: errors of the source (a cancelled upload, a size limit) travel through to the
    // store, which then keeps nothing, and no error of either stream goes unheard.
    pipeline(plaintext, encrypt, () => {});
    await this.blobs.put(blobKey, encrypt);
    const summary = encrypt.summary();
    return {
      keyId: material.keyId,
      documentId,
      dataKekVersion: data.kekVersion,
      dataKeyWrapped: data.wrapped,
      integrityKekVersion: integrity.kekVersion,
      hmacKeyWrapped: integrity.wrapped,
      hmac: summary.hmac,
      storedBytes: summary.storedBytes,
      segmentSize: DEFAULT_SEGMENT_SIZE,
      blobKey,
      plaintextBytes: summary.plaintextBytes,
    };
  }

  /**
   * The plaintext, streamed: each segment is released only once its tag verified, and the last
   * only once the whole object's HMAC matched, so a tampered document never reads to the end.
   * Errors (DocumentIntegrityError) surface on the returned stream.
   */
  async read(practiceId: string, generation: DocumentGeneration): Promise<DecryptStream> {
    const context = wrapContext(practiceId, generation.documentId, generation.keyId);
    const [dataKey, hmacKey] = await Promise.all([
      this.keys.unwrap(
        'data',
        { kekVersion: generation.dataKekVersion, wrapped: generation.dataKeyWrapped },
        context,
      ),
      this.keys.unwrap(
        'integrity',
        { kekVersion: generation.integrityKekVersion, wrapped: generation.hmacKeyWrapped },
        context,
      ),
    ]);
    const material = {
      documentId: generation.documentId,
      keyId: generation.keyId,
      dataKey,
      hmacKey,
    };
    const decrypt = createDecryptStream(material, generation.hmac);
    zeroDocumentKeys(material);
    const stored = await this.blobs.get(generation.blobKey);
    pipeline(stored, decrypt, () => {});
    return decrypt;
  }

  /** Integrity only (the scrubber): needs the HMAC key, never the data key. */
  async verify(
    practiceId: string,
    generation: Omit<DocumentGeneration, 'dataKekVersion' | 'dataKeyWrapped'>,
  ): Promise<StoredDocumentVerdict> {
    const context = wrapContext(practiceId, generation.documentId, generation.keyId);
    const hmacKey = await this.keys.unwrap(
      'integrity',
      { kekVersion: generation.integrityKekVersion, wrapped: generation.hmacKeyWrapped },
      context,
    );
    try {
      const stored = await this.blobs.get(generation.blobKey);
      return await verifyStoredDocument(stored, {
        documentId: generation.documentId,
        keyId: generation.keyId,
        hmacKey,
        expectedHmac: generation.hmac,
      });
    } finally {
      hmacKey.fill(0);
    }
  }

  /** Decrypts fully into nothing: proves the data key still opens every segment. */
  async checkDecrypts(practiceId: string, generation: DocumentGeneration): Promise<void> {
    const plaintext = await this.read(practiceId, generation);
    await pipelineAsync(plaintext, new Writable({ write: (_chunk, _enc, done) => done() }));
  }

  /** The same keys wrapped under the current KEK versions (re-keying's cheap step). */
  async rewrap(practiceId: string, generation: DocumentGeneration): Promise<GenerationKeys | null> {
    const [dataNow, integrityNow] = await Promise.all([
      this.keys.currentVersion('data'),
      this.keys.currentVersion('integrity'),
    ]);
    if (generation.dataKekVersion === dataNow && generation.integrityKekVersion === integrityNow) {
      return null;
    }
    return rewrapGeneration(this.keys, this.keys, practiceId, generation);
  }
}

/** A generation's wrapped keys. */
export type GenerationKeys = Pick<
  DocumentGeneration,
  'dataKekVersion' | 'dataKeyWrapped' | 'integrityKekVersion' | 'hmacKeyWrapped'
>;

/**
 * A generation's data and HMAC keys, unwrapped by `from` and wrapped by `to` (the same provider
 * when rotating KEKs; the local keyring and Vault when moving, documents/vault-maintenance/move-to-vault.ts).
 */
export async function rewrapGeneration(
  from: KeyProvider,
  to: KeyProvider,
  practiceId: string,
  generation: DocumentGeneration,
): Promise<GenerationKeys> {
  const context = wrapContext(practiceId, generation.documentId, generation.keyId);
  const [data, integrity] = await Promise.all([
    rewrapKey(
      from,
      to,
      'data',
      { kekVersion: generation.dataKekVersion, wrapped: generation.dataKeyWrapped },
      context,
    ),
    rewrapKey(
      from,
      to,
      'integrity',
      { kekVersion: generation.integrityKekVersion, wrapped: generation.hmacKeyWrapped },
      context,
    ),
  ]);
  return {
    dataKekVersion: data.kekVersion,
    dataKeyWrapped: data.wrapped,
    integrityKekVersion: integrity.kekVersion,
    hmacKeyWrapped: integrity.wrapped,
  };
}

function wrapContext(practiceId: string, documentId: string, keyId: string): string {
  return `document:${practiceId}:${documentId}:${keyId}`;
}
