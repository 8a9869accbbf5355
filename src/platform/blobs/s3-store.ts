import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import type { Config } from '../settings.ts';
import { pipeline } from 'node:stream/promises';
import { ByteCounter } from './limit.ts';
import {
  BlobError,
  BlobExistsError,
  BlobNotFoundError,
  checkBlobKey,
  checkBlobPrefix,
  isBlobKey,
  type BlobEntry,
  type BlobStore,
  type PutOptions,
} from './store.ts';

export interface S3BlobStoreOptions {
  client: S3Client;
  bucket: string;
  /** HEARTH_S3_PREFIX: put before every key, to share a bucket. */
  prefix?: string;
  /** Objects per ListObjectsV2 page (S3's maximum and default is 1000). */
  pageSize?: number;
}

/**
 * Multipart parts of 8 MiB, two in flight: lib-storage holds each part in memory while it is
 * sent, so an upload of any size costs about three parts (two sending, one filling) ≈ 24 MiB,
 * and a 10 000-part upload still reaches 80 GB. A second part in flight hides one round trip.
 */
export const PART_SIZE = 8 * 1024 * 1024;
export const PARTS_IN_FLIGHT = 2;

/**
 * Blobs as objects in an S3 bucket (AWS or an S3-compatible service). No-overwrite: a HEAD
 * check refuses early, and the write itself carries `If-None-Match: *` (PutObject for one part,
 * CompleteMultipartUpload for several), which AWS S3 and current S3-compatible services enforce
 * atomically (412). A service that ignores the header leaves a race between the HEAD and the
 * write in which a second writer of the same key wins; Hearth's keys hold fresh random ids, so
 * only a replayed write could meet it. A failed upload is aborted, so its parts never become an
 * object; an upload cut off by a crash stays an incomplete multipart upload, invisible to
 * GetObject and List — a bucket lifecycle rule (AbortIncompleteMultipartUpload) reclaims it.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #pageSize: number;

  constructor(options: S3BlobStoreOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    const prefix = (options.prefix ?? '').replace(/\/+$/, '');
    this.#prefix = prefix === '' ? '' : `${prefix}/`;
    this.#pageSize = options.pageSize ?? 1000;
  }

  #objectKey(key: string): string {
    return `${this.#prefix}${key}`;
  }

  async put(key: string, source: Readable, options: PutOptions = {}): Promise<{ bytes: number }> {
    const objectKey = this.#objectKey(checkBlobKey(key));
    if (await this.stat(key)) {
      source.destroy();
      throw new BlobExistsError(key);
    }
    const counter = new ByteCounter(options.maxBytes);
    // The counter is the body: a source error or the size limit fails it, lib-storage stops
    // reading, aborts the multipart upload and only then rejects.
    const upload = new Upload({
      client: this.#client,
      params: {
        Bucket: this.#bucket,
        Key: objectKey,
        Body: counter,
        IfNoneMatch: '*',
        ContentType: 'application/octet-stream',
      },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    // Both sides settle before put answers, so an abort is finished when the caller hears of
    // the error; the first error is the one reported.
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown) => {
      failure ??= { error };
      source.destroy();
      counter.destroy();
    };
    await Promise.all([pipeline(source, counter).catch(fail), upload.done().catch(fail)]);
    if (failure) {
      if (statusOf(failure.error) === 412 || statusOf(failure.error) === 409) {
        throw new BlobExistsError(key);
      }
      throw failure.error;
    }
    return { bytes: counter.bytes };
  }

  async get(key: string): Promise<Readable> {
    try {
      const answer = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(checkBlobKey(key)) }),
      );
      // In Node the SDK's body is the HTTP response itself: streamed, never buffered.
      return answer.Body as Readable;
    } catch (err) {
      if (statusOf(err) === 404) throw new BlobNotFoundError(key);
      throw err;
    }
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    try {
      const head = await this.#client.send(
        new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(checkBlobKey(key)) }),
      );
      return { bytes: head.ContentLength ?? 0 };
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 whether or not the object existed: idempotent as it is.
    await this.#client.send(
      new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(checkBlobKey(key)) }),
    );
  }

  async check(): Promise<void> {
    try {
      await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }));
    } catch (err) {
      throw new BlobError(`the S3 bucket ${this.#bucket} ${bucketProblem(err)}`);
    }
  }

  async *list(prefix = ''): AsyncIterable<BlobEntry> {
    checkBlobPrefix(prefix);
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: this.#objectKey(prefix),
          MaxKeys: this.#pageSize,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.#prefix.length);
        // Objects that are not Hearth's (a shared bucket) are never listed, so never deleted.
        if (key === undefined || !isBlobKey(key)) continue;
        yield { key, bytes: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

/** Why HeadBucket failed, in words an operator acts on; never the SDK's full message. */
function bucketProblem(err: unknown): string {
  const status = statusOf(err);
  if (status === 404) return 'does not exist';
  if (status === 403) return 'refuses these credentials (check the access key and its policy)';
  const { name, code } = err as { name?: string; code?: string };
  if (name === 'CredentialsProviderError') {
    return 'cannot be used: no credentials found (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile or an instance role)';
  }
  return `cannot be reached (${status ? `HTTP ${status}` : (code ?? name ?? 'error')})`;
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
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
