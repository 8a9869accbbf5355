import type { Readable } from 'node:stream';

/**
 * Where encrypted document bytes live. Keys never do: data keys are wrapped by the key provider
 * and stored in the database, so a copy of the blob store alone reveals nothing.
 *
 * Every implementation keeps the same promises:
 * - `put` streams `source` into a new object and resolves once the object is durable and
 *   complete. On any error (source error, size limit, disk full, crash) no object exists at
 *   `key`: a half-written upload never looks complete. It refuses to replace an existing object
 *   (BlobExistsError), so a retried or replayed upload cannot clobber a stored document.
 *   `source` is read to its end, or destroyed when `put` fails or refuses.
 * - `get` streams the object; a missing key rejects with BlobNotFoundError.
 * - `stat` answers null for a missing key; `delete` is idempotent.
 * - `list` yields every object under a prefix (order unspecified), for orphan clean-up and the
 *   integrity scrubber.
 * - `check` proves the store usable at start-up (the directory writable, the bucket reachable
 *   with these credentials) and fails with one line otherwise.
 */
export interface BlobStore {
  readonly kind: 'fs' | 's3';
  put(key: string, source: Readable, options?: PutOptions): Promise<{ bytes: number }>;
  get(key: string): Promise<Readable>;
  stat(key: string): Promise<{ bytes: number } | null>;
  delete(key: string): Promise<void>;
  list(prefix?: string): AsyncIterable<BlobEntry>;
  check(): Promise<void>;
}

export interface PutOptions {
  /** More bytes than this reject with BlobTooLargeError, and nothing is stored. */
  maxBytes?: number;
}

export interface BlobEntry {
  key: string;
  bytes: number;
  modifiedAt: Date;
}

export class BlobError extends Error {
  override name = 'BlobError';
}

/** A key or prefix Hearth would never choose: refused before it reaches a path or a URL. */
export class BlobKeyError extends BlobError {
  override name = 'BlobKeyError';
}

export class BlobNotFoundError extends BlobError {
  override name = 'BlobNotFoundError';
  constructor(key: string) {
    super(`no blob is stored at ${key}`);
  }
}

export class BlobExistsError extends BlobError {
  override name = 'BlobExistsError';
  constructor(key: string) {
    super(`a blob is already stored at ${key}; blobs are never overwritten`);
  }
}

/** The route answers 413 with this. */
export class BlobTooLargeError extends BlobError {
  override name = 'BlobTooLargeError';
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`the upload is larger than the limit of ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
  }
}

// Segments of lower-case hex, digits and '-' (UUIDs, key ids) joined by single '/'. Nothing
// else is allowed, so no key can hold '..', a leading '/', a backslash, a NUL or a character
// that a filesystem or an S3-compatible service would treat specially.
const KEY = /^[0-9a-f-]{1,100}(\/[0-9a-f-]{1,100}){0,7}$/;
// A prefix is a key cut short: whole segments, each followed by '/', then maybe part of one.
const PREFIX = /^([0-9a-f-]{1,100}\/){0,7}[0-9a-f-]{0,100}$/;

/** For entries found in a store: anything else there is not Hearth's and is left alone. */
export function isBlobKey(key: string): boolean {
  return KEY.test(key);
}

export function checkBlobKey(key: string): string {
  if (!isBlobKey(key)) {
    throw new BlobKeyError(
      'a blob key is 1-8 segments of lower-case hex digits and "-", separated by "/"',
    );
  }
  return key;
}

export function checkBlobPrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) {
    throw new BlobKeyError('a blob prefix is the beginning of a blob key');
  }
  return prefix;
}
