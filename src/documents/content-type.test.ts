import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, test } from 'node:test';
import { AppError } from '../platform/errors.ts';
import { sanitizeFileName, sniffContentType } from './content-type.ts';
import { docxBytes, EXE, HEIC, JPEG, pdfBytes, PNG, zipBytes } from './testing/fixtures.ts';

/** A stream of `bytes` in small uneven chunks, as a network would deliver them. */
function chunked(bytes: Buffer, size = 1000): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function sniff(bytes: Buffer) {
  try {
    const { contentType, stream } = await sniffContentType(chunked(bytes));
    return { contentType, bytes: await buffer(stream) };
  } catch (err) {
    if (err instanceof AppError) return { status: err.status, code: err.code };
    throw err;
  }
}

describe('what an upload is, from its bytes alone', () => {
  test('each allowed type is recognised and the whole upload passes through unchanged', async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(300_000, 7)]);
    const cases: [Buffer, string][] = [
      [pdfBytes(), 'application/pdf'],
      [big, 'application/pdf'],
      [PNG, 'image/png'],
      [JPEG, 'image/jpeg'],
      [HEIC, 'image/heic'],
      [docxBytes(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [Buffer.from('Session summary\r\n\tNext visit: Tuesday — café ☕\n'), 'text/plain'],
    ];
    for (const [bytes, type] of cases) {
      const got = await sniff(bytes);
      assert.equal('contentType' in got && got.contentType, type);
      assert.ok(got.bytes?.equals(bytes), `${type}: bytes unchanged`);
    }
  });

  test('text cut mid-character at the sample boundary is still text', async () => {
    const text = Buffer.from('é'.repeat(40_000), 'utf8');
    assert.equal((await sniff(text)).contentType, 'text/plain');
  });

  test('anything else is refused with 415, whatever it is called', async () => {
    for (const bytes of [
      EXE,
      zipBytes({ 'a.txt': 'not a word document' }),
      Buffer.from([0x00, 0x01, 0x02, 0x03, 0x00]),
      Buffer.from('text with a NUL\u0000 in it'),
      Buffer.alloc(0),
    ]) {
      assert.deepEqual(await sniff(bytes), { status: 415, code: 'unsupported_type' });
    }
  });
});

describe('stored file names', () => {
  test('paths, control and reserved characters go; the real extension is kept or given', () => {
    const pdf = 'application/pdf';
    assert.equal(sanitizeFileName('../../etc/passwd', pdf), 'passwd.pdf');
    assert.equal(sanitizeFileName('C:\\Users\\x\\Intake form.PDF', pdf), 'Intake form.PDF');
    assert.equal(sanitizeFileName('report.exe', pdf), 'report.pdf');
    assert.equal(sanitizeFileName('a"b<c>d|e?\u0007f.pdf', pdf), 'abcdef.pdf');
    assert.equal(sanitizeFileName('photo.jpeg', 'image/jpeg'), 'photo.jpeg');
    assert.equal(sanitizeFileName(undefined, 'text/plain'), 'document.txt');
    assert.equal(sanitizeFileName('...', 'image/png'), 'document.png');
    const long = sanitizeFileName(`${'x'.repeat(300)}.pdf`, pdf);
    assert.equal(long.length, 120);
    assert.ok(long.endsWith('.pdf'));
  });
});
