import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../platform/errors.ts';
import type { DocumentContentType } from '../platform/db/tables/documents.ts';

/** Enough of the start of a file for every allowed type (a DOCX names its parts early on). */
const SAMPLE_BYTES = 64 * 1024;

const SNIFFED: Record<string, DocumentContentType> = {
  'application/pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  // iPhone photos: HEIC proper, or the generic HEIF brand of the same container.
  'image/heic': 'image/heic',
  'image/heif': 'image/heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const EXTENSION: Record<DocumentContentType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/heic': 'heic',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/plain': 'txt',
};

/** Shown inline for the preview; everything else only ever downloads. */
export const INLINE_TYPES: ReadonlySet<DocumentContentType> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
]);

const notAllowed = () =>
  new AppError('unsupported_type', {
    status: 415,
    message:
      'Hearth keeps PDF, PNG, JPEG, HEIC, Word (.docx) and plain-text files. Convert the file to one of these and upload it again.',
  });

/**
 * Plain text has no signature: accept UTF-8 without control characters other than tab and line
 * breaks, so that no binary format (an executable, an archive) passes as "text".
 */
function isPlainText(sample: Buffer, complete: boolean): boolean {
  // A sample cut mid-character is fine: drop an incomplete trailing sequence before decoding.
  let end = sample.length;
  if (!complete) {
    for (let back = 1; back <= 3 && end - back >= 0; back++) {
      const byte = sample[end - back]!;
      if ((byte & 0xc0) === 0xc0) {
        end -= back;
        break;
      }
      if ((byte & 0x80) === 0) break;
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/**
 * Reads the start of an upload, decides what it is from its bytes alone (the declared type and
 * name are never trusted), refuses anything off the allowlist with 415, and hands back a stream
 * of the whole upload, sample included.
 */
export async function sniffContentType(
  upload: Readable,
): Promise<{ contentType: DocumentContentType; stream: Readable }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  const iterator = upload[Symbol.asyncIterator]();
  while (size < SAMPLE_BYTES) {
    const next = (await iterator.next()) as IteratorResult<Buffer>;
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const sample = Buffer.concat(chunks);
  const detected = await fileTypeFromBuffer(sample);
  const contentType = detected
    ? SNIFFED[detected.mime]
    : sample.length > 0 && isPlainText(sample.subarray(0, SAMPLE_BYTES), ended)
      ? 'text/plain'
      : undefined;
  if (!contentType) {
    upload.destroy();
    throw notAllowed();
  }
  async function* whole() {
    yield sample;
    if (ended) return;
    for (;;) {
      const next = (await iterator.next()) as IteratorResult<Buffer>;
      if (next.done) return;
      yield next.value;
    }
  }
  return { contentType, stream: Readable.from(whole(), { objectMode: false }) };
}

/**
 * A file name safe to store, show and send back in Content-Disposition: no path, no control or
 * reserved characters, at most 120 characters, ending in the extension of what the file really is.
 */
export function sanitizeFileName(declared: string | undefined, type: DocumentContentType): string {
  const ext = EXTENSION[type];
  const base = (declared ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .at(-1)!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const hasRightExt =
    base.toLowerCase().endsWith(`.${ext}`) || (ext === 'jpg' && /\.jpeg$/i.test(base));
  const name = hasRightExt ? base : `${stem || 'document'}.${ext}`;
  if (name.length <= 120) return name;
  const keep = hasRightExt ? name.slice(name.lastIndexOf('.')) : `.${ext}`;
  return `${name.slice(0, 120 - keep.length).trimEnd()}${keep}`;
}
