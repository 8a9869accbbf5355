// Documents over the real HTTPS API, streamed both ways so the bench never holds one in memory:
// an upload whose multipart body is generated as it is sent (a PDF header, then pseudo-random
// 64 KiB chunks, each stamped with its index so no two are alike), and a download hashed as it
// arrives. Both hash what passed, so a round trip is checked byte for byte by SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const CHUNK = 64 * 1024;
const PDF_HEADER = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
// The server's certificate is self-signed; the origin is always a loopback address.
const TLS: RequestOptions = { rejectUnauthorized: false, agent: false };

export interface Transfer {
  sha256: string;
  bytes: number;
  seconds: number;
}

/**
 * `size` bytes of document between `head` and `tail`: a fresh random block per document,
 * stamped with each chunk's index; `onChunk` sees the document's bytes only.
 */
function multipartBody(
  size: number,
  head: Buffer,
  tail: Buffer,
  onChunk: (chunk: Buffer) => void,
): Readable {
  const block = randomBytes(CHUNK);
  function* parts() {
    yield head;
    for (let at = 0, index = 0; at < size; at += CHUNK, index++) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, size - at));
      block.copy(chunk);
      if (index === 0) PDF_HEADER.copy(chunk);
      else if (chunk.length >= 8) chunk.writeDoubleBE(index, 0);
      onChunk(chunk);
      yield chunk;
    }
    yield tail;
  }
  return Readable.from(parts(), { objectMode: false });
}

function answerOf(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (text += c));
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}

/** Uploads a generated document of `size` bytes to a client; resolves once the server answered. */
export async function uploadDocument(options: {
  origin: string;
  cookie: string;
  clientId: string;
  size: number;
  filename?: string;
}): Promise<Transfer & { id: string }> {
  const boundary = `hearth-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.filename ?? 'scan.pdf'}"\r\n` +
      `Content-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  const started = performance.now();
  const req = request(`${options.origin}/api/v1/clients/${options.clientId}/documents`, {
    ...TLS,
    method: 'POST',
    headers: {
      ...SAME_ORIGIN,
      cookie: options.cookie,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + options.size + tail.length),
    },
  });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  const body = multipartBody(options.size, head, tail, (chunk) => hash.update(chunk));
  // A refusal (413, 415) may come before the body is all sent: the answer says why.
  const [sent] = await Promise.allSettled([pipeline(body, req), answered]);
  const res = await answered;
  const text = await answerOf(res);
  if (sent.status === 'rejected' && res.statusCode === 201) throw sent.reason;
  const seconds = (performance.now() - started) / 1000;
  if (res.statusCode !== 201)
    throw new Error(`upload answered ${res.statusCode}: ${text.slice(0, 200)}`);
  const { id } = JSON.parse(text) as { id: string };
  return { id, sha256: hash.digest('hex'), bytes: options.size, seconds };
}

/** Downloads a document's content, hashing it as it streams; throws on any status but 200. */
export async function downloadDocument(options: {
  origin: string;
  cookie: string;
  id: string;
}): Promise<Transfer> {
  const started = performance.now();
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(`${options.origin}/api/v1/documents/${options.id}/content`, {
      ...TLS,
      headers: { cookie: options.cookie },
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
  if (res.statusCode !== 200) {
    throw new Error(`download answered ${res.statusCode}: ${(await answerOf(res)).slice(0, 200)}`);
  }
  const hash = createHash('sha256');
  let bytes = 0;
  await pipeline(
    res,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done();
      },
    }),
  );
  return { sha256: hash.digest('hex'), bytes, seconds: (performance.now() - started) / 1000 };
}
