import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ClientDocument } from '../../../clinical/types.ts';
import { QueryError } from '../../../ui/errors.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { fetchContent, fileSize, TYPE_LABELS } from './documents.ts';

// pdf.js (hundreds of KB) loads when the first PDF is opened, never before.
const PdfPreview = lazy(() => import('./PdfPreview.tsx').then((m) => ({ default: m.PdfPreview })));

/** A PDF or an image, shown in a dialog; a download for everything. */
export function PreviewDialog({
  doc,
  onClose,
  onDownload,
}: {
  doc: ClientDocument | null;
  onClose: () => void;
  onDownload: (doc: ClientDocument) => void;
}) {
  return (
    <Modal opened={doc !== null} onClose={onClose} title={doc?.name ?? ''} size="xl" centered>
      {doc && (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {TYPE_LABELS[doc.contentType]} · {fileSize(doc.size)}
            </Text>
            <Button size="xs" variant="default" onClick={() => onDownload(doc)}>
              Download
            </Button>
          </Group>
          <Content doc={doc} />
        </Stack>
      )}
    </Modal>
  );
}

function Content({ doc }: { doc: ClientDocument }) {
  // Opened documents are not cached: each opening reads (and audits) the document anew.
  const content = useQuery({
    queryKey: ['document-content', doc.id],
    queryFn: async () => {
      const blob = await fetchContent(doc.id);
      return {
        blob,
        bytes: doc.contentType === 'application/pdf' ? await blob.arrayBuffer() : null,
      };
    },
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  if (content.isPending) return <Loading label="Opening the document…" />;
  if (content.isError) return <QueryError error={content.error} refetch={content.refetch} />;
  if (content.data.bytes) {
    return (
      <Suspense fallback={<Loading label="Loading the PDF viewer…" />}>
        <PdfPreview data={content.data.bytes} name={doc.name} />
      </Suspense>
    );
  }
  return <ImagePreview blob={content.data.blob} name={doc.name} />;
}

function ImagePreview({ blob, name }: { blob: Blob; name: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  if (!url) return <Loading />;
  return <img className="image-preview" src={url} alt={name} />;
}
