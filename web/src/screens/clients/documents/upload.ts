import { ApiError, NetworkError } from '../../../api/http.ts';
import type { ClientDocument } from '../../../clinical/types.ts';

/**
 * Uploads one file as `multipart/form-data` (field `file`) with progress. fetch() reports no
 * upload progress, so this is XMLHttpRequest, sending what the fetch wrapper sends: the
 * session cookie (same origin) and `accept: application/json`; the browser adds the Origin
 * header that Hearth's same-origin check reads. Failures become the same ApiError /
 * NetworkError as every other call, with the server's message (415 type, 413 size…).
 */
export function uploadDocument(
  clientId: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<ClientDocument> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/clients/${clientId}/documents`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        resolve(JSON.parse(xhr.responseText) as ClientDocument);
        return;
      }
      reject(errorOf(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new NetworkError());
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function errorOf(status: number, text: string): ApiError {
  try {
    const data = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (data.error?.message)
      return new ApiError(status, data.error.code ?? 'error', data.error.message);
  } catch {
    // Not JSON: a proxy's page.
  }
  if (status === 413)
    return new ApiError(
      413,
      'too_large',
      'This file is larger than your practice allows for documents.',
    );
  return new ApiError(
    status,
    'http_error',
    `Hearth answered with an error (${status}). Please try again in a moment.`,
  );
}
