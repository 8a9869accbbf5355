import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, get, NetworkError } from '../../../api/http.ts';
import type { Page } from '../../../api/types.ts';
import type { ClientDocument, DocumentType } from '../../../clinical/types.ts';

export const documentsKey = (clientId: string) => ['client', clientId, 'documents'] as const;

export function useDocuments(clientId: string) {
  return useQuery({
    queryKey: documentsKey(clientId),
    queryFn: () => get<Page<ClientDocument>>(`/clients/${clientId}/documents`),
  });
}

export function useDeleteDocument(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('DELETE', `/documents/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentsKey(clientId) }),
  });
}

export const TYPE_LABELS: Record<DocumentType, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/heic': 'HEIC photo',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'text/plain': 'Text',
};

/** What the picker offers; the server decides from the bytes. */
export const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.heic,.docx,.txt,application/pdf,image/png,image/jpeg,image/heic,text/plain';

/** "2.4 MB", "812 KB", "940 bytes". */
export function fileSize(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** The document's bytes, through the API (the same cookie, refusals as errors). */
export async function fetchContent(id: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/documents/${id}/content`, { credentials: 'same-origin' });
  } catch {
    throw new NetworkError();
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string };
    };
    throw new ApiError(
      res.status,
      data.error?.code ?? 'http_error',
      data.error?.message ??
        `Hearth could not open the document (${res.status}). Try again in a moment.`,
    );
  }
  // A document whose integrity check fails is cut off mid-stream: reading it then throws.
  try {
    return await res.blob();
  } catch {
    throw new ApiError(
      500,
      'integrity',
      'The document failed its integrity check and is not shown. Tell your administrator.',
    );
  }
}
