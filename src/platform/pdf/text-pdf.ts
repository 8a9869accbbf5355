import type { PDFFont, PDFPage } from '@cantoo/pdf-lib';

/** One block of a text document: a title, a heading, a field's label, its text, or small print. */
export interface Block {
  kind: 'title' | 'heading' | 'label' | 'text' | 'small';
  text: string;
}

const MARGIN = 56;
const STYLE = {
  title: { size: 16, bold: true, before: 0, after: 6 },
  heading: { size: 12, bold: true, before: 10, after: 4 },
  label: { size: 10.5, bold: true, before: 6, after: 2 },
  text: { size: 10.5, bold: false, before: 0, after: 4 },
  small: { size: 8.5, bold: false, before: 0, after: 2 },
} as const;

/** The standard fonts encode WinAnsi only: anything else is shown as "?" rather than failing. */
const printable = (text: string) =>
  text.replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/g, '?');

/** Word-wraps one line of text to `width`; a word longer than the line is cut across lines. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (let word of printable(text).split(/\s+/).filter(Boolean)) {
    while (!fits(word)) {
      let n = word.length - 1;
      while (n > 1 && !fits(word.slice(0, n))) n -= 1;
      if (line) lines.push(line);
      lines.push(word.slice(0, n));
      line = '';
      word = word.slice(n);
    }
    const next = line ? `${line} ${word}` : word;
    if (line && !fits(next)) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/**
 * A plain text document as a PDF (Helvetica): paragraphs and line breaks
 * kept, pages added as the text runs on, and a footer on each page naming the document.
 */
export async function renderTextPdf(doc: {
  title: string;
  footer: string;
  blocks: Block[];
}): Promise<Uint8Array> {
  // Loaded when a PDF is asked for, not at start-up: pdf-lib is 7 MB of heap (ADR 0021).
  const { PDFDocument, StandardFonts, rgb } = await import('@cantoo/pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(printable(doc.title));
  pdf.setProducer('Hearth');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const pages: PDFPage[] = [];
  let page = pdf.addPage();
  pages.push(page);
  const width = page.getWidth() - 2 * MARGIN;
  let y = page.getHeight() - MARGIN;
  for (const block of doc.blocks) {
    const style = STYLE[block.kind];
    const font = style.bold ? bold : regular;
    const leading = style.size * 1.35;
    y -= style.before;
    for (const paragraph of block.text.split('\n')) {
      for (const line of wrap(paragraph, font, style.size, width)) {
        if (y - leading < MARGIN) {
          page = pdf.addPage();
          pages.push(page);
          y = page.getHeight() - MARGIN;
        }
        y -= leading;
        page.drawText(line, { x: MARGIN, y, size: style.size, font, color: rgb(0.1, 0.1, 0.1) });
      }
    }
    y -= style.after;
  }
  pages.forEach((p, i) => {
    p.drawText(printable(`${doc.footer} — page ${i + 1} of ${pages.length}`), {
      x: MARGIN,
      y: MARGIN / 2,
      size: 8,
      font: regular,
      color: rgb(0.4, 0.4, 0.4),
    });
  });
  return pdf.save();
}
