import { join } from 'node:path';
import type { Config } from '../settings.ts';
import { StartupError } from '../db/open.ts';
import { FsBlobStore } from './fs-store.ts';
import { BlobError, type BlobStore } from './store.ts';

export type BlobStoreConfig = Pick<
  Config,
  | 'blobStore'
  | 'blobDir'
  | 'dataDir'
  | 's3Bucket'
  | 's3Region'
  | 's3Endpoint'
  | 's3ForcePathStyle'
  | 's3Prefix'
>;

/**
 * The blob store the settings name. S3 credentials come from the SDK's default chain. The AWS
 * SDK (6 MB of heap) is loaded only when S3 is the store.
 */
export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  if (config.blobStore === 'fs') {
    return new FsBlobStore(config.blobDir ?? join(config.dataDir, 'blobs'));
  }
  if (!config.s3Bucket) throw new StartupError('HEARTH_BLOB_STORE=s3 needs HEARTH_S3_BUCKET');
  const { S3BlobStore, s3Client } = await import('./s3-store.ts');
  return new S3BlobStore({
    client: s3Client(config),
    bucket: config.s3Bucket,
    prefix: config.s3Prefix,
  });
}

/** The start-up check (BlobStore.check), failing as one line for the operator. */
export async function checkBlobStore(store: BlobStore): Promise<void> {
  await store.check().catch((err: unknown) => {
    throw err instanceof BlobError ? new StartupError(`blob store: ${err.message}`) : err;
  });
}
