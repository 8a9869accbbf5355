import { inflateSync } from 'node:zlib';

/** The text a PDF draws: its content streams, inflated where compressed. */
export function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const parts: string[] = [raw];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'));
    } catch {
      // not compressed
    }
  }
  // Text is drawn as hex strings (<48656c6c6f> Tj): decode those too.
  const hex = parts
    .join('\n')
    .replace(/<([0-9A-Fa-f]+)>\s*Tj/g, (_, h: string) => Buffer.from(h, 'hex').toString('latin1'));
  return hex.replace(/\(((?:\\.|[^\\)])*)\)\s*Tj/g, '$1');
}
