import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface FakeVaultOptions {
  token: string;
  mount?: string;
  /** Serve HTTPS with this certificate. */
  tls?: { cert: string; key: string };
  /** The token's policy allows creating keys (update on `<mount>/keys/<name>`). Default true. */
  allowCreate?: boolean;
  /** Behave like Vault before 1.13, which ignored `associated_data`. */
  ignoreAssociatedData?: boolean;
  /** The token's lease: it stops working after this many seconds unless renewed. Default: none. */
  ttlSeconds?: number;
  /** Whether renew-self extends it (default true), and up to how long after its creation. */
  renewable?: boolean;
  maxTtlSeconds?: number;
  /** The token may not look itself up or renew itself (no default policy). */
  noDefaultPolicy?: boolean;
}

export interface FakeKey {
  type: string;
  derived: boolean;
  /** versions[0] is v1. */
  versions: Buffer[];
}

export interface FakeVault {
  url: string;
  keys: Map<string, FakeKey>;
  /** `METHOD path` of every request, bodies never kept. */
  requests: string[];
  /** While true, requests are held unanswered (a hung Vault). */
  stalled: boolean;
  /** Revokes the token: every later request is refused. */
  revoke(): void;
  close(): Promise<void>;
}

type Answer = { status: number; body: object };
const fail = (status: number, ...errors: string[]): Answer => ({ status, body: { errors } });

/**
 * A local HTTP server speaking the part of Vault's Transit API that Hearth uses, with real
 * AES-256-GCM inside: versioned keys, rotation, the token check, Vault's error shapes, and
 * associated data enforced. Ciphertext is Vault's: `vault:v<N>:base64(nonce ‖ ct ‖ tag)`.
 */
export async function startFakeVault(options: FakeVaultOptions): Promise<FakeVault> {
  const mount = options.mount ?? 'transit';
  const keys = new Map<string, FakeKey>();
  const requests: string[] = [];
  const created = Date.now();
  const maxExpiry = options.maxTtlSeconds ? created + options.maxTtlSeconds * 1000 : Infinity;
  let expiresAt = options.ttlSeconds ? created + options.ttlSeconds * 1000 : Infinity;
  let revoked = false;
  const tokenValid = (token: unknown) =>
    token === options.token && !revoked && Date.now() < expiresAt;
  const remaining = () => Math.max(0, Math.round((expiresAt - Date.now()) / 1000));

  /** `auth/token/lookup-self` and `renew-self`, as the default policy allows them. */
  function tokenCall(method: string, path: string): Answer {
    if (options.noDefaultPolicy) return fail(403, 'permission denied');
    if (path === 'lookup-self' && method === 'GET') {
      const never = expiresAt === Infinity;
      return {
        status: 200,
        body: {
          data: {
            ttl: never ? 0 : remaining(),
            renewable: !never && options.renewable !== false,
            expire_time: never ? null : new Date(expiresAt).toISOString(),
          },
        },
      };
    }
    if (path === 'renew-self' && method === 'POST') {
      if (expiresAt === Infinity || options.renewable === false) {
        return fail(400, 'lease is not renewable');
      }
      expiresAt = Math.min(Date.now() + options.ttlSeconds! * 1000, maxExpiry);
      return { status: 200, body: { auth: { lease_duration: remaining(), renewable: true } } };
    }
    return fail(404, 'unsupported path');
  }

  function describe(name: string, key: FakeKey) {
    const versions = Object.fromEntries(key.versions.map((_, i) => [String(i + 1), 1_700_000_000]));
    return {
      name,
      type: key.type,
      derived: key.derived,
      keys: versions,
      latest_version: key.versions.length,
      min_decryption_version: 1,
      min_encryption_version: 0,
      supports_encryption: true,
      supports_decryption: true,
    };
  }

  function handle(method: string, path: string, body: Record<string, string>): Answer {
    const [, op, name, action] =
      path.match(/^(keys|encrypt|decrypt)\/([\w.-]+)(?:\/(rotate))?$/) ?? [];
    const key = name ? keys.get(name) : undefined;
    if (op === 'keys' && !action && method === 'GET') {
      return key ? { status: 200, body: { data: describe(name!, key) } } : fail(404);
    }
    if (op === 'keys' && !action && method === 'POST') {
      if (options.allowCreate === false) return fail(403, 'permission denied');
      const created = key ?? { type: body.type ?? 'aes256-gcm96', derived: false, versions: [] };
      if (!key) created.versions.push(randomBytes(32));
      keys.set(name!, created);
      return { status: 200, body: { data: describe(name!, created) } };
    }
    if (op === 'keys' && action === 'rotate' && method === 'POST') {
      if (!key) return fail(400, 'key not found');
      key.versions.push(randomBytes(32));
      return { status: 200, body: { data: describe(name!, key) } };
    }
    if ((op === 'encrypt' || op === 'decrypt') && method === 'POST') {
      // As with a policy granting `update` but not `create`: no upsert of a missing key.
      if (!key) return fail(400, 'encryption key not found');
      const ad = options.ignoreAssociatedData
        ? Buffer.alloc(0)
        : Buffer.from(body.associated_data ?? '', 'base64');
      return op === 'encrypt'
        ? encrypt(key, body.plaintext, ad)
        : decrypt(key, body.ciphertext, ad);
    }
    return fail(404, '1 error occurred:\n\t* unsupported path\n\n');
  }

  const listener = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://vault').pathname;
      requests.push(`${request.method} ${path}`);
      if (fake.stalled) return;
      let answer: Answer;
      if (!tokenValid(request.headers['x-vault-token'])) {
        answer = fail(403, '1 error occurred:\n\t* permission denied\n\n');
      } else if (path.startsWith('/v1/auth/token/')) {
        answer = tokenCall(request.method ?? 'GET', path.slice('/v1/auth/token/'.length));
      } else if (!path.startsWith(`/v1/${mount}/`)) {
        answer = fail(404, '1 error occurred:\n\t* no handler for route\n\n');
      } else {
        const raw = Buffer.concat(chunks).toString('utf8');
        answer = handle(
          request.method ?? 'GET',
          path.slice(`/v1/${mount}/`.length),
          raw ? JSON.parse(raw) : {},
        );
      }
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
  };

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeVault = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    keys,
    requests,
    stalled: false,
    revoke: () => void (revoked = true),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

function encrypt(key: FakeKey, plaintext: string | undefined, ad: Buffer): Answer {
  if (plaintext === undefined) return fail(400, 'missing plaintext to encrypt');
  const version = key.versions.length;
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.versions[version - 1]!, nonce);
  cipher.setAAD(ad);
  const sealed = Buffer.concat([cipher.update(Buffer.from(plaintext, 'base64')), cipher.final()]);
  const blob = Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64');
  return {
    status: 200,
    body: { data: { ciphertext: `vault:v${version}:${blob}`, key_version: version } },
  };
}

function decrypt(key: FakeKey, ciphertext: string | undefined, ad: Buffer): Answer {
  const [, version, blob] = ciphertext?.match(/^vault:v(\d+):(.+)$/) ?? [];
  if (!version || !blob) return fail(400, 'invalid ciphertext: no prefix');
  const secret = key.versions[Number(version) - 1];
  if (!secret) return fail(400, 'invalid key version');
  const raw = Buffer.from(blob, 'base64');
  if (raw.length < 28) return fail(400, 'invalid ciphertext: too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, 12));
    decipher.setAAD(ad);
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([
      decipher.update(raw.subarray(12, raw.length - 16)),
      decipher.final(),
    ]);
    return { status: 200, body: { data: { plaintext: plain.toString('base64') } } };
  } catch {
    return fail(400, 'cipher: message authentication failed');
  }
}
