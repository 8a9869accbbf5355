import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { link, mkdir, open, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
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

/** Where writes in progress live: inside the store, so that `link` never crosses filesystems. */
const PARTIAL = '.partial';
const SEGMENT = /^[0-9a-f-]{1,100}$/;

/**
 * Blobs as files under one directory (`<HEARTH_DATA_DIR>/blobs` or HEARTH_BLOB_DIR), one file
 * per key. A write goes to a private file in `.partial/`, is fsynced, then hard-linked to its
 * name and the directory fsynced: the name appears only for complete, durable bytes. `link`
 * fails if the name exists, so no write replaces a stored blob, even racing another process.
 * The directory must be on a filesystem with hard links (ext4, xfs, btrfs, zfs…).
 */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs';
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
    // 0700: blobs are ciphertext, but their names and sizes are still nobody else's business.
    mkdirSync(join(this.root, PARTIAL), { recursive: true, mode: 0o700 });
  }

  async put(key: string, source: Readable, options: PutOptions = {}): Promise<{ bytes: number }> {
    const target = join(this.root, checkBlobKey(key));
    const temp = join(this.root, PARTIAL, `${randomUUID()}.part`);
    const counter = new ByteCounter(options.maxBytes);
    try {
      // Refuse early rather than after reading a large upload; `link` below is the real guard.
      if (await exists(target)) throw new BlobExistsError(key);
      // wx, 0600: a new private file. flush: fsync before close, and pipeline settles only
      // after close — bytes before name, so a crash leaves a stray partial, never a short blob.
      const file = createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true });
      await pipeline(source, counter, file);
      await this.#publish(temp, target, key);
      return { bytes: counter.bytes };
    } catch (err) {
      source.destroy();
      throw err;
    } finally {
      await rm(temp, { force: true });
    }
  }

  async #publish(temp: string, target: string, key: string): Promise<void> {
    const dir = dirname(target);
    const created = await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      await link(temp, target);
    } catch (err) {
      if (errorCode(err) === 'EEXIST') throw new BlobExistsError(key);
      throw err;
    }
    try {
      // A new name, and each directory made for it, is durable once its parent directory is:
      // sync the blob's directory, then upwards to the parent of the first one created.
      await syncDirectory(dir);
      const top = created ? dirname(created) : dir;
      for (let d = dir; d !== top;) {
        d = dirname(d);
        await syncDirectory(d);
      }
    } catch (err) {
      // Not known to be durable: take it back, so that an error always means "not stored".
      await unlink(target).catch(() => {});
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = join(this.root, checkBlobKey(key));
    const file = await open(path, 'r').catch((err: unknown) => {
      throw isMissing(err) ? new BlobNotFoundError(key) : err;
    });
    if (!(await file.stat()).isFile()) {
      await file.close();
      throw new BlobNotFoundError(key);
    }
    // 1 MiB reads: the default 64 KiB makes the reader, not the decryption, the bottleneck
    // of a download (measured in ADR 0009's benchmark).
    return file.createReadStream({ highWaterMark: 1 << 20 });
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    const info = await stat(join(this.root, checkBlobKey(key))).catch((err: unknown) => {
      if (isMissing(err)) return null;
      throw err;
    });
    return info?.isFile() ? { bytes: info.size } : null;
  }

  async delete(key: string): Promise<void> {
    const path = join(this.root, checkBlobKey(key));
    try {
      await unlink(path);
    } catch (err) {
      if (isMissing(err) || errorCode(err) === 'EISDIR') return;
      throw err;
    }
    await syncDirectory(dirname(path));
  }

  async *list(prefix = ''): AsyncIterable<BlobEntry> {
    checkBlobPrefix(prefix);
    yield* this.#walk(prefix.slice(0, prefix.lastIndexOf('/') + 1), prefix);
  }

  /** Walks only the directories whose names the prefix allows. */
  async *#walk(dirKey: string, prefix: string): AsyncIterable<BlobEntry> {
    const entries = await readdir(join(this.root, dirKey), { withFileTypes: true }).catch(
      (err: unknown) => {
        if (isMissing(err)) return [];
        throw err;
      },
    );
    for (const entry of entries) {
      // Skips `.partial` and anything else that is not Hearth's.
      if (!SEGMENT.test(entry.name)) continue;
      const key = `${dirKey}${entry.name}`;
      if (entry.isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) {
          yield* this.#walk(`${key}/`, prefix);
        }
      } else if (entry.isFile() && key.startsWith(prefix) && isBlobKey(key)) {
        // Deleted since readdir: not listed.
        const info = await stat(join(this.root, key)).catch(() => null);
        if (info) yield { key, bytes: info.size, modifiedAt: info.mtime };
      }
    }
  }

  async check(): Promise<void> {
    const probe = join(this.root, PARTIAL, `${randomUUID()}.check`);
    try {
      await writeFile(probe, '', { flag: 'wx', mode: 0o600 });
      await rm(probe, { force: true });
    } catch (err) {
      throw new BlobError(`the blob directory ${this.root} is not writable (${errorCode(err)})`);
    }
  }

  /**
   * Removes what crashed writes left in `.partial/`. A write in progress touches its file
   * continuously, so a threshold of minutes never removes a live one (the worker uses an hour).
   */
  async sweepPartials(olderThanMs: number): Promise<{ removed: number }> {
    let removed = 0;
    const cutoff = Date.now() - olderThanMs;
    for (const name of await readdir(join(this.root, PARTIAL))) {
      const path = join(this.root, PARTIAL, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs <= cutoff) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return { removed };
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (err: unknown) => {
      if (isMissing(err)) return false;
      throw err;
    },
  );
}

async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** ENOTDIR: a path through what is a blob, not a directory — nothing is stored there either. */
function isMissing(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR';
}
