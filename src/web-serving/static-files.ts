import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** Content types of what Vite writes into web/dist. Anything else is not served. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Reads `relativePath` below `root`, or answers undefined. The resolved path must stay inside
 * `root` (a `..` or an encoded separator cannot climb out), and only known file types are
 * served, so a source map or a stray file is never sent with a guessed type.
 */
export async function readStaticFile(
  root: string,
  relativePath: string,
): Promise<StaticFile | undefined> {
  if (relativePath.includes('\0')) return undefined;
  const base = resolve(root);
  const full = resolve(base, `.${sep}${relativePath}`);
  if (!full.startsWith(base + sep)) return undefined;
  const contentType = CONTENT_TYPES[extname(full).toLowerCase()];
  if (!contentType) return undefined;
  try {
    return { body: await readFile(full), contentType };
  } catch {
    return undefined;
  }
}
