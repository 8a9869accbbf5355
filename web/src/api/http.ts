/**
 * The one way the browser application talks to Hearth's API: JSON over same-origin fetch with
 * the session cookie. Every failure becomes an ApiError (the server's `code` and its `message`,
 * which is written for users) or a NetworkError, so screens show them where the user acted.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export class NetworkError extends Error {
  constructor() {
    super("Hearth can't be reached right now. Check your connection, then try again.");
    this.name = 'NetworkError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const listeners = new Set<(event: ApiEvent) => void>();
export type ApiEvent = { type: 'activity'; at: number } | { type: 'session-ended'; code: string };

/** The session shell listens: every answer from the server counts as activity (it keeps the
 * server-side session alive), and a 401 for the session ends it in the browser too. */
export function onApiEvent(listener: (event: ApiEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const emit = (event: ApiEvent) => listeners.forEach((l) => l(event));

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new NetworkError();
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const data = (await res.json()) as { error?: { code?: string; message?: string } };
    if (data.error?.message) {
      return new ApiError(res.status, data.error.code ?? 'error', data.error.message);
    }
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  return new ApiError(
    res.status,
    'http_error',
    `Hearth answered with an error (${res.status}). Please try again in a moment.`,
  );
}

async function checked(res: Response): Promise<Response> {
  if (res.status === 401) {
    const err = await errorOf(res);
    // Expired, revoked (a role change, "sign out everywhere" elsewhere) or its cookie already
    // cleared by an earlier answer: the session is over either way. Wrong passwords answer
    // `invalid_credentials` and are not this.
    if (err.code === 'session_expired' || err.code === 'unauthenticated') {
      emit({ type: 'session-ended', code: err.code });
    }
    throw err;
  }
  if (!res.ok) throw await errorOf(res);
  emit({ type: 'activity', at: Date.now() });
  return res;
}

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const res = await checked(await send(method, path, body));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);

/** `?a=1&b=2` from the defined, non-empty values of `params`. */
export function query(params: Record<string, string | number | boolean | null | undefined>) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/**
 * Downloads a file from the API (CSV, PDF, Markdown) through fetch, so that a refusal shows as
 * an error where the user clicked instead of a downloaded error page. The file name comes from
 * the server's Content-Disposition.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await checked(await send('GET', path));
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
