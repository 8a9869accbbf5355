import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../platform/errors.ts';

export const tooLarge = (limit: number) =>
  new AppError('document_too_large', {
    status: 413,
    message: `The file is larger than this practice's limit of ${formatBytes(limit)}. Make it smaller (for a scan, a lower resolution) or ask your administrator to raise the limit.`,
  });

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.round(n / 1024 ** 2)} MB`;
}

/**
 * Counts plaintext bytes and fails the stream past `limit`: the second guard after the
 * multipart limit, so that the stored document can never be larger than the practice allows.
 */
export class SizeLimit extends Transform {
  bytes = 0;
  readonly #limit: number;
  readonly #truncated: () => boolean;
  /** `truncated`: whether the parser cut the file at the limit (it then ends it quietly). */
  constructor(limit: number, truncated: () => boolean = () => false) {
    super();
    this.#limit = limit;
    this.#truncated = truncated;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.#limit) done(tooLarge(this.#limit));
    else done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    done(this.#truncated() ? tooLarge(this.#limit) : null);
  }
}

/** Multipart failures as the user should hear them (never the parser's own message). */
export function multipartError(err: unknown, limit: number): unknown {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(limit);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError('multipart_required', {
      status: 415,
      message: 'Send the file as multipart/form-data, in a field named "file".',
    });
  }
  if (code.startsWith('FST_') || /multipart|boundary|part/i.test((err as Error).message ?? '')) {
    return AppError.badRequest(
      'The upload was cut short or malformed. Try again.',
      'invalid_upload',
    );
  }
  return err;
}

/**
 * The one file of an upload request, as a stream that fails past the practice's limit. Extra
 * files are refused by the multipart limits; a missing or misnamed field is a 400.
 */
export async function fileOf(
  request: FastifyRequest,
  limit: number,
): Promise<{ filename: string; stream: Readable; counted: SizeLimit }> {
  let part: MultipartFile | undefined;
  try {
    part = await request.file({ limits: { fileSize: limit, files: 1, fields: 4, parts: 5 } });
  } catch (err) {
    throw multipartError(err, limit);
  }
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw AppError.badRequest('Choose a file to upload (form field "file").', 'file_required');
  }
  const { file } = part;
  // busboy cuts a file at the limit, marks it truncated and ends it as if it were complete.
  const counted = new SizeLimit(limit, () => file.truncated);
  // pipeline, not pipe: an error on either side reaches the other and is never left unheard
  // (the caller learns of it from `counted`).
  pipeline(file, counted, () => {});
  file.once('error', (err) => counted.destroy(multipartError(err, limit) as Error));
  return { filename: part.filename, stream: counted, counted };
}
