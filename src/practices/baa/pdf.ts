import type { PDFFont, PDFPage } from '@cantoo/pdf-lib';
import { BAA_TEXT } from './agreement.ts';

export interface BaaSignature {
  practiceName: string;
  version: string;
  textSha256: string;
  signerName: string;
  acceptedAt: Date;
  ip: string | null;
}

const MARGIN = 56;
const SIZE = 10.5;
const LEADING = 14;

/** Word-wraps one paragraph to the page width; standard fonts only encode WinAnsi, so non-Latin text is replaced. */
function wrap(text: string, font: PDFFont, width: number): string[] {
  const safe = text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
  const lines: string[] = [];
  let line = '';
  for (const word of safe.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, SIZE) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The Business Associate Agreement as accepted, with the signature block, as a PDF. */
export async function renderBaaPdf(signature: BaaSignature): Promise<Uint8Array> {
  // Loaded when a practice signs, not at start-up: pdf-lib is 7 MB of heap.
  const { PDFDocument, StandardFonts, rgb } = await import('@cantoo/pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Business Associate Agreement ${signature.version} — ${signature.practiceName}`);
  pdf.setProducer('Hearth');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage();
  const width = page.getWidth() - 2 * MARGIN;
  let y = page.getHeight() - MARGIN;
  const write = (text: string, f: PDFFont = font) => {
    for (const line of wrap(text, f, width)) {
      if (y < MARGIN) {
        page = pdf.addPage();
        y = page.getHeight() - MARGIN;
      }
      page.drawText(line, { x: MARGIN, y, size: SIZE, font: f, color: rgb(0.1, 0.1, 0.1) });
      y -= LEADING;
    }
    y -= LEADING / 2;
  };
  for (const paragraph of BAA_TEXT.split(/\n\s*\n/)) {
    const plain = paragraph.replace(/^#+\s*/, '').replace(/\*\*/g, '');
    write(plain, paragraph.startsWith('#') ? bold : font);
  }
  write('Signature', bold);
  write(`Covered Entity: ${signature.practiceName}`);
  write(`Signed by (typed name): ${signature.signerName}`);
  write(
    `Accepted at: ${signature.acceptedAt.toISOString()} from address ${signature.ip ?? 'unknown'}`,
  );
  write(`Agreement version ${signature.version}, text SHA-256 ${signature.textSha256}`);
  return pdf.save();
}
