// An independent, one-shot implementation of docs/document-format.md (version 1), written from
// the specification with node:crypto and literal constants, for the conformance tests: the
// streams must produce and accept exactly these bytes.
import { createCipheriv, createHash, createHmac } from 'node:crypto';

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const uuid = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');

export interface ReferenceInput {
  documentId: string;
  keyId: string;
  dataKey: Buffer;
  hmacKey: Buffer;
  noncePrefix: Buffer;
  segmentSize: number;
  plaintext: Buffer;
}

export function referenceEncode(input: ReferenceInput): { stored: Buffer; hmac: Buffer } {
  const { segmentSize: size, plaintext, noncePrefix } = input;
  const header = Buffer.concat([
    Buffer.from('HDOC', 'ascii'),
    Buffer.from([1, 1, 0, 0]),
    u32(size),
    uuid(input.documentId),
    uuid(input.keyId),
    noncePrefix,
  ]);
  const digest = createHash('sha256').update(header).digest();
  // An empty document is one empty final segment; a size that is a multiple of the segment
  // size ends with a full final segment.
  const count = Math.max(1, Math.ceil(plaintext.length / size));
  const parts = [header];
  for (let i = 0; i < count; i++) {
    const final = i === count - 1;
    const cipher = createCipheriv(
      'aes-256-gcm',
      input.dataKey,
      Buffer.concat([noncePrefix, u32(i)]),
    );
    cipher.setAAD(Buffer.concat([digest, u32(i), Buffer.from([final ? 1 : 0])]));
    parts.push(cipher.update(plaintext.subarray(i * size, (i + 1) * size)), cipher.final());
    parts.push(cipher.getAuthTag());
  }
  const stored = Buffer.concat(parts);
  return { stored, hmac: createHmac('sha256', input.hmacKey).update(stored).digest() };
}
