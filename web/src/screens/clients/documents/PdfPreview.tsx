// pdf.js is loaded only here, and this file only when a PDF is opened (React.lazy).
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import { Button, Group, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Loading } from '../../../ui/Screen.tsx';

// The worker is a module bundled by Vite into Hearth's own assets (the CSP allows workers from
// 'self' only; no CDN).
if (!GlobalWorkerOptions.workerPort) {
  GlobalWorkerOptions.workerPort = new Worker(
    new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url),
    { type: 'module' },
  );
}

const PAGES_AT_ONCE = 10;

/**
 * Renders a PDF's pages on canvases. Strings are never evaluated (isEvalSupported: false) and
 * WebAssembly is not used (the CSP allows neither); fonts load through the FontFace API.
 */
export function PdfPreview({ data, name }: { data: ArrayBuffer; name: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState(false);
  const [shown, setShown] = useState(PAGES_AT_ONCE);
  useEffect(() => {
    const task = getDocument({
      data: new Uint8Array(data.slice(0)),
      isEvalSupported: false,
      useWasm: false,
      enableXfa: false,
    });
    task.promise.then(setDoc, () => setError(true));
    return () => void task.destroy();
  }, [data]);
  if (error)
    return (
      <Text c="red.9" role="alert">
        This PDF could not be shown. Download it to open it on your computer.
      </Text>
    );
  if (!doc) return <Loading label="Opening the PDF…" />;
  const pages = Math.min(doc.numPages, shown);
  return (
    <>
      <div
        className="pdf-pages"
        tabIndex={0}
        role="region"
        aria-label={`${name}, ${doc.numPages} page${doc.numPages === 1 ? '' : 's'}`}
      >
        {Array.from({ length: pages }, (_, i) => (
          <PdfPage key={i} doc={doc} n={i + 1} />
        ))}
      </div>
      {pages < doc.numPages && (
        <Group justify="center" mt="sm">
          <Button variant="default" size="xs" onClick={() => setShown((s) => s + PAGES_AT_ONCE)}>
            Show more pages ({doc.numPages - pages} left)
          </Button>
        </Group>
      )}
    </>
  );
}

function PdfPage({ doc, n }: { doc: PDFDocumentProxy; n: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    let cancel = () => {};
    void doc.getPage(n).then((page) => {
      const el = canvas.current;
      if (cancelled || !el) return;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: 1.4 * ratio });
      el.width = Math.floor(viewport.width);
      el.height = Math.floor(viewport.height);
      const task = page.render({ canvas: el, viewport });
      cancel = () => task.cancel();
      task.promise.then(
        () => el.setAttribute('data-rendered', 'true'),
        () => undefined,
      );
    });
    return () => {
      cancelled = true;
      cancel();
    };
  }, [doc, n]);
  return <canvas ref={canvas} aria-label={`Page ${n}`} role="img" />;
}
