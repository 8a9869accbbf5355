import { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import type { Config } from '../settings.ts';
import { StartupError } from '../db/open.ts';
import { FsBlobStore } from './fs-store.ts';
import { S3BlobStore } from './s3-store.ts';
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

/** The blob store the settings name. S3 credentials come from the SDK's default chain. */
export function openBlobStore(config: BlobStoreConfig): BlobStore {
  if (config.blobStore === 'fs') {
    return new FsBlobStore(config.blobDir ?? join(config.dataDir, 'blobs'));
  }
  if (!config.s3Bucket) throw new StartupError('HEARTH_BLOB_STORE=s3 needs HEARTH_S3_BUCKET');
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

export function s3Client(
  config: Pick<Config, 's3Region' | 's3Endpoint' | 's3ForcePathStyle'>,
): S3Client {
  return new S3Client({
    region: config.s3Region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}),
    forcePathStyle: config.s3ForcePathStyle,
    // Flexible checksums only where S3 requires them. Every part is a Buffer, whose SHA-256 the
    // request signature covers, so S3 already rejects a corrupted part; and Hearth checks an
    // HMAC over each document's ciphertext on every read. The SDK's default (CRC32 headers,
    // `aws-chunked` bodies with trailers) is refused by older S3-compatible servers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Give up on a silent connection instead of hanging an upload or a download forever.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
}
