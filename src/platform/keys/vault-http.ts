import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { KeyError } from './provider.ts';

export interface VaultHttpOptions {
  /** HEARTH_VAULT_ADDR: an http(s) origin. */
  addr: string;
  token: string;
  /** HEARTH_VAULT_CA_FILE: PEM of the CA(s) that signed Vault's certificate. */
  caFile?: string | undefined;
  /** Every call gives up after this long (default 10 s), so a hung Vault cannot hang Hearth. */
  timeoutMs?: number;
}

export interface VaultAnswer {
  status: number;
  data: Record<string, unknown> | undefined;
  /** The `auth` block of answers about tokens (renew-self's lease). */
  auth: Record<string, unknown> | undefined;
  /** Vault's `{ errors: [...] }`, first message only, one line. */
  error: string | undefined;
}

/** Vault answered, and said no: `status` tells why (403 token, 400 request, 503 sealed…). */
export class VaultError extends KeyError {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const MAX_ANSWER_BYTES = 1024 * 1024;
const UNTRUSTED_CERTIFICATE = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * JSON over HTTP(S) to Vault, with node:https so that a private CA can be trusted for Vault
 * alone (Node's fetch takes no CA without undici's Agent). Messages name the address and the
 * failure, never the token, and never a request or answer body (they carry key material).
 */
export class VaultHttp {
  readonly addr: string;
  readonly timeoutMs: number;
  readonly #token: string;
  readonly #agent: http.Agent;
  readonly #request: typeof http.request;

  constructor(options: VaultHttpOptions) {
    this.addr = new URL(options.addr).origin;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.#token = options.token;
    if (this.addr.startsWith('https:')) {
      // With `ca`, only that CA is trusted for Vault: a public CA cannot vouch for it too.
      const ca = options.caFile ? readCa(options.caFile) : undefined;
      this.#agent = new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) });
      this.#request = https.request;
    } else {
      this.#agent = new http.Agent({ keepAlive: true });
      this.#request = http.request;
    }
  }

  call(method: 'GET' | 'POST', path: string, body?: object): Promise<VaultAnswer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const fail = (err: unknown) => reject(this.#transportError(err));
      const request = this.#request(
        `${this.addr}/v1/${path}`,
        {
          method,
          agent: this.#agent,
          signal: AbortSignal.timeout(this.timeoutMs),
          headers: {
            'x-vault-token': this.#token,
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...(payload ? { 'content-length': String(payload.length) } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_ANSWER_BYTES) return void chunks.push(chunk);
            reject(new KeyError(`Vault at ${this.addr} sent an answer larger than 1 MiB`));
            request.destroy();
          });
          response.on('error', fail);
          response.on('end', () => {
            if (!response.complete) return fail(new Error('answer cut short'));
            resolve(parseAnswer(response.statusCode ?? 0, Buffer.concat(chunks)));
          });
        },
      );
      request.on('error', fail);
      request.end(payload);
    });
  }

  #transportError(err: unknown): KeyError {
    const { name, code } = err as { name?: string; code?: string };
    if (name === 'AbortError') {
      return new KeyError(`Vault at ${this.addr} did not answer within ${this.timeoutMs} ms`);
    }
    if (code && UNTRUSTED_CERTIFICATE.has(code)) {
      return new KeyError(
        `Vault at ${this.addr} presented a certificate that cannot be trusted (${code}); set HEARTH_VAULT_CA_FILE to the CA that signed it`,
      );
    }
    return new KeyError(`Vault at ${this.addr} is unreachable (${code ?? (err as Error).message})`);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.#agent.destroy();
  }
}

/** The answer's `data` when Vault said yes; otherwise a VaultError saying what to check. */
export function expectOk(operation: string, answer: VaultAnswer): Record<string, unknown> {
  if (answer.status >= 200 && answer.status < 300) return answer.data ?? {};
  const said = answer.error ? `: ${answer.error}` : '';
  if (answer.status === 403) {
    throw new VaultError(
      403,
      `Vault refused the token to ${operation} (HTTP 403${said}); check HEARTH_VAULT_TOKEN and its policy`,
    );
  }
  if (answer.status === 503) {
    throw new VaultError(503, `Vault is sealed or unavailable (HTTP 503${said})`);
  }
  throw new VaultError(
    answer.status,
    `Vault could not ${operation} (HTTP ${answer.status}${said})`,
  );
}

function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new KeyError(
      `cannot read the Vault CA file ${path} (${(err as { code?: string }).code})`,
    );
  }
}

function parseAnswer(status: number, raw: Buffer): VaultAnswer {
  let body: { data?: Record<string, unknown>; auth?: Record<string, unknown>; errors?: unknown[] } =
    {};
  try {
    body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as typeof body) : {};
  } catch {
    // Not JSON: a proxy's error page, say. The status still tells what happened.
  }
  const first = Array.isArray(body.errors) ? String(body.errors[0] ?? '') : '';
  // Vault wraps several errors as "1 error occurred:\n\t* permission denied\n\n".
  const error = first
    .replace(/^\d+ errors? occurred:\s*/, '')
    .replace(/^\*\s*/, '')
    .split('\n')[0]
    ?.trim()
    .slice(0, 200);
  return { status, data: body.data, auth: body.auth, error: error || undefined };
}
