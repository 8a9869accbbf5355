import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { isLoopbackHost } from './platform/http/host-check.ts';

export type TlsMode = 'auto' | 'behind-proxy';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  httpPort: number;
  /**
   * The address users type (HEARTH_PUBLIC_URL, or https://localhost:<port> on loopback): every
   * link Hearth hands out and the same-origin check use it, never the Host header.
   */
  publicUrl: string;
  tlsMode: TlsMode;
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  trustedProxies: string[];
  databaseUrl: string | undefined;
  databaseCaFile: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  sessionRateLimit: number;
  practiceRateLimit: number;
  sessionSecret: string | undefined;
  keysDir: string;
  masterKey: string | undefined;
  smtpUrl: string | undefined;
  smtpCaFile: string | undefined;
  mailFrom: string;
  twilioAccountSid: string | undefined;
  twilioAuthToken: string | undefined;
  twilioFrom: string | undefined;
  twilioApiUrl: string | undefined;
  keyProvider: 'local' | 'vault';
  vaultAddr: string | undefined;
  vaultToken: string | undefined;
  vaultTransitMount: string;
  vaultKeyPrefix: string;
  vaultCaFile: string | undefined;
  blobStore: 'fs' | 's3';
  blobDir: string | undefined;
  s3Bucket: string | undefined;
  s3Region: string;
  s3Endpoint: string | undefined;
  s3ForcePathStyle: boolean;
  s3Prefix: string;
  rekeyIntervalDays: number;
  scrubSchedule: string;
  auditVerifySchedule: string;
}

/** A configuration problem: one line naming the variable and what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface Variable<K extends keyof Config> {
  name: string;
  key: K;
  default: string;
  /** What an operator reads in the README table. */
  meaning: string;
  /** Shown in errors: what the variable accepts. */
  allowed: string;
  parse(raw: string): Config[K] | undefined;
  /** Secrets are never echoed back in an error. */
  secret?: boolean;
}

const port = (raw: string) => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= 1 && n <= 65535 ? n : undefined;
};
const optionalString = (raw: string) => (raw === '' ? undefined : raw);
const integerBetween = (raw: string, min: number, max: number) => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= min && n <= max ? n : undefined;
};
const httpUrl = (raw: string) => {
  if (raw === '') return undefined;
  try {
    const url = new URL(raw);
    return /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search
      ? url.origin
      : undefined;
  } catch {
    return undefined;
  }
};
// Path segments of a Vault mount or key name, an S3 key prefix: letters, digits and - _ . /
const safeName = (raw: string) =>
  /^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$/.test(raw) ? raw : undefined;
const CRON_FIELD = /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?(,(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?)*$/;
const cronOrOff = (raw: string) =>
  raw === 'off' ||
  (raw.split(/\s+/).length === 5 && raw.split(/\s+/).every((f) => CRON_FIELD.test(f)))
    ? raw
    : undefined;
const isCidr = (entry: string) => {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
};

function variable<K extends keyof Config>(v: Variable<K>): Variable<K> {
  return v;
}

/** Every setting Hearth reads. The README's configuration table is checked against this list. */
export const VARIABLES = [
  variable({
    name: 'HEARTH_DATA_DIR',
    key: 'dataDir',
    default: './data',
    meaning:
      'Where the embedded database, the self-signed certificate and (by default) the encrypted documents are kept.',
    allowed: 'a directory path',
    parse: (raw) => (raw === '' ? undefined : resolve(raw)),
  }),
  variable({
    name: 'HEARTH_HOST',
    key: 'host',
    default: 'localhost',
    meaning:
      'Address both ports listen on. `localhost` keeps a demo private; use `0.0.0.0` or `::` to serve a network.',
    allowed: 'a host name or IP address',
    parse: optionalString,
  }),
  variable({
    name: 'HEARTH_PORT',
    key: 'port',
    default: '8443',
    meaning: 'HTTPS port (plain HTTP in `behind-proxy` mode, where the proxy speaks TLS).',
    allowed: 'an integer from 1 to 65535',
    parse: port,
  }),
  variable({
    name: 'HEARTH_HTTP_PORT',
    key: 'httpPort',
    default: '8080',
    meaning:
      'Plain-HTTP port that only redirects to HTTPS. `0` turns it off (always off behind a proxy).',
    allowed: 'an integer from 0 to 65535',
    parse: (raw) => (raw === '0' ? 0 : port(raw)),
  }),
  variable({
    name: 'HEARTH_PUBLIC_URL',
    key: 'publicUrl',
    default: '',
    meaning:
      'The address users type (`https://hearth.example.org`): links and the origin check use only it. Required beyond loopback; default `https://localhost:<HEARTH_PORT>`.',
    allowed: 'an https:// URL with no path',
    parse: (raw) => {
      if (raw === '') return undefined;
      try {
        const url = new URL(raw);
        return url.protocol === 'https:' && url.pathname === '/' && !url.search
          ? url.origin
          : undefined;
      } catch {
        return undefined;
      }
    },
  }),
  variable({
    name: 'HEARTH_TLS_MODE',
    key: 'tlsMode',
    default: 'auto',
    meaning:
      '`auto`: serve TLS with the certificate files below, or a self-signed `localhost` certificate made on first run. `behind-proxy`: a proxy terminates TLS.',
    allowed: '`auto` or `behind-proxy`',
    parse: (raw) => (raw === 'auto' || raw === 'behind-proxy' ? raw : undefined),
  }),
  variable({
    name: 'HEARTH_TLS_CERT_FILE',
    key: 'tlsCertFile',
    default: '',
    meaning: 'PEM certificate chain for HTTPS. Set together with `HEARTH_TLS_KEY_FILE`.',
    allowed: 'a file path',
    parse: optionalString,
  }),
  variable({
    name: 'HEARTH_TLS_KEY_FILE',
    key: 'tlsKeyFile',
    default: '',
    meaning: 'PEM private key for `HEARTH_TLS_CERT_FILE`.',
    allowed: 'a file path',
    parse: optionalString,
  }),
  variable({
    name: 'HEARTH_TRUSTED_PROXIES',
    key: 'trustedProxies',
    default: '',
    meaning:
      'Comma-separated addresses or CIDRs of the proxies whose `X-Forwarded-*` headers are believed. Required in `behind-proxy` mode.',
    allowed: 'a comma-separated list of IPv4/IPv6 addresses or CIDRs',
    parse: (raw) => {
      const entries = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return entries.every(isCidr) ? entries : undefined;
    },
  }),
  variable({
    name: 'DATABASE_URL',
    key: 'databaseUrl',
    default: '',
    meaning:
      'PostgreSQL connection URL. Unset: the embedded database (PGlite) in the data directory. `?sslmode=verify-full` requires TLS with certificate and host-name verification.',
    allowed: 'a postgres:// or postgresql:// URL',
    secret: true,
    parse: (raw) => {
      if (raw === '') return undefined;
      try {
        const url = new URL(raw);
        return url.protocol === 'postgres:' || url.protocol === 'postgresql:' ? raw : undefined;
      } catch {
        return undefined;
      }
    },
  }),
  variable({
    name: 'HEARTH_DATABASE_CA_FILE',
    key: 'databaseCaFile',
    default: '',
    meaning:
      "PEM file of the CA that signed PostgreSQL's certificate (or `sslrootcert=` in the URL). Without it the system's CAs are used.",
    allowed: 'a file path',
    parse: optionalString,
  }),
  variable({
    name: 'HEARTH_DATABASE_POOL_SIZE',
    key: 'databasePoolSize',
    default: '10',
    meaning: 'Most PostgreSQL connections one Hearth process opens.',
    allowed: 'an integer from 1 to 200',
    parse: (raw) => {
      const n = Number(raw);
      return /^\d+$/.test(raw) && n >= 1 && n <= 200 ? n : undefined;
    },
  }),
  variable({
    name: 'REDIS_URL',
    key: 'redisUrl',
    default: '',
    meaning:
      'Redis connection URL. Set it when several Hearth processes serve one practice so that they share rate limits; unset, limits are kept in process.',
    allowed: 'a redis:// or rediss:// URL',
    secret: true,
    parse: (raw) => {
      if (raw === '') return undefined;
      try {
        const url = new URL(raw);
        return url.protocol === 'redis:' || url.protocol === 'rediss:' ? raw : undefined;
      } catch {
        return undefined;
      }
    },
  }),
  variable({
    name: 'HEARTH_LOG_LEVEL',
    key: 'logLevel',
    default: 'info',
    meaning: 'Least severe log level written to standard output.',
    allowed: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
    parse: (raw) =>
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw)
        ? (raw as LogLevel)
        : undefined,
  }),
  variable({
    name: 'HEARTH_BODY_LIMIT',
    key: 'bodyLimitBytes',
    default: '1048576',
    meaning: 'Largest JSON request body accepted, in bytes (uploads have their own limit).',
    allowed: 'an integer from 1024 to 104857600',
    parse: (raw) => {
      const n = Number(raw);
      return /^\d+$/.test(raw) && n >= 1024 && n <= 104_857_600 ? n : undefined;
    },
  }),
  variable({
    name: 'HEARTH_SESSION_RATE_LIMIT',
    key: 'sessionRateLimit',
    default: '600',
    meaning:
      'Requests per minute one session may make to signed-in routes; past it, 429 until the minute ends. Far above anyone clicking.',
    allowed: 'an integer from 10 to 10000000',
    parse: (raw) => integerBetween(raw, 10, 10_000_000),
  }),
  variable({
    name: 'HEARTH_PRACTICE_RATE_LIMIT',
    key: 'practiceRateLimit',
    default: '10000',
    meaning:
      "Requests per minute all of one practice's sessions together may make to signed-in routes; past it, 429 until the minute ends.",
    allowed: 'an integer from 10 to 10000000',
    parse: (raw) => integerBetween(raw, 10, 10_000_000),
  }),
  variable({
    name: 'HEARTH_SESSION_SECRET',
    key: 'sessionSecret',
    default: '',
    meaning:
      'Key that signs session cookies (HMAC-SHA256), at least 32 characters. Unset: one is generated into the data directory on first start. Several Hearth processes must share one.',
    allowed: 'a string of at least 32 characters',
    secret: true,
    parse: (raw) => (raw === '' ? undefined : raw.length >= 32 ? raw : undefined),
  }),
  variable({
    name: 'HEARTH_KEYS_DIR',
    key: 'keysDir',
    default: './keys',
    meaning:
      'The local keyring: key-encryption keys, kept apart from the data directory and its backups. Back it up separately.',
    allowed: 'a directory path',
    parse: (raw) => (raw === '' ? undefined : resolve(raw)),
  }),
  variable({
    name: 'HEARTH_MASTER_KEY',
    key: 'masterKey',
    default: '',
    meaning:
      'Base64 of 32 random bytes that seals the keyring. Unset: `master.key` in the keyring directory, generated on first start (with a warning to back it up).',
    allowed: 'base64 of exactly 32 bytes',
    secret: true,
    parse: (raw) =>
      raw === '' ? undefined : Buffer.from(raw, 'base64').length === 32 ? raw : undefined,
  }),
  variable({
    name: 'HEARTH_SMTP_URL',
    key: 'smtpUrl',
    default: '',
    meaning:
      'Mail server, `smtps://user:pass@host:465` or `smtp://user:pass@host:587` (STARTTLS is then required). Unset: messages wait in the outbox, readable by admins.',
    allowed: 'an smtp:// or smtps:// URL',
    secret: true,
    parse: (raw) => {
      if (raw === '') return undefined;
      try {
        const url = new URL(raw);
        return url.protocol === 'smtp:' || url.protocol === 'smtps:' ? raw : undefined;
      } catch {
        return undefined;
      }
    },
  }),
  variable({
    name: 'HEARTH_SMTP_CA_FILE',
    key: 'smtpCaFile',
    default: '',
    meaning: "PEM file of the CA that signed the mail server's certificate, if not a public one.",
    allowed: 'a file path',
    parse: optionalString,
  }),
  variable({
    name: 'HEARTH_MAIL_FROM',
    key: 'mailFrom',
    default: 'Hearth <hearth@localhost>',
    meaning: 'Sender of every email Hearth sends.',
    allowed: 'an address such as `Hearth <hearth@example.org>`',
    parse: (raw) => (/^[^\r\n]{3,200}$/.test(raw) && raw.includes('@') ? raw : undefined),
  }),
  variable({
    name: 'HEARTH_TWILIO_ACCOUNT_SID',
    key: 'twilioAccountSid',
    default: '',
    meaning:
      'Twilio account for SMS sign-in codes. With the two below; unset: SMS wait in the outbox.',
    allowed: 'a Twilio account SID (AC followed by 32 hex digits)',
    parse: (raw) => (raw === '' ? undefined : /^AC[0-9a-f]{32}$/i.test(raw) ? raw : undefined),
  }),
  variable({
    name: 'HEARTH_TWILIO_AUTH_TOKEN',
    key: 'twilioAuthToken',
    default: '',
    meaning: "The Twilio account's auth token.",
    allowed: 'a Twilio auth token',
    secret: true,
    parse: optionalString,
  }),
  variable({
    name: 'HEARTH_TWILIO_FROM',
    key: 'twilioFrom',
    default: '',
    meaning: 'The sending number (E.164) or messaging service SID.',
    allowed: 'a number like +15551234567 or an MG… SID',
    parse: (raw) =>
      raw === '' ? undefined : /^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/i.test(raw) ? raw : undefined,
  }),
  variable({
    name: 'HEARTH_TWILIO_API_URL',
    key: 'twilioApiUrl',
    default: '',
    meaning:
      "Twilio's API base (default `https://api.twilio.com`); for a regional edge or a test double.",
    allowed: 'an http(s):// URL with no path',
    parse: (raw) => {
      if (raw === '') return undefined;
      try {
        const url = new URL(raw);
        return /^https?:$/.test(url.protocol) && url.pathname === '/' ? url.origin : undefined;
      } catch {
        return undefined;
      }
    },
  }),
  variable({
    name: 'HEARTH_KEY_PROVIDER',
    key: 'keyProvider',
    default: 'local',
    meaning:
      "Who holds the key-encryption keys: `local`, the keyring directory above; `vault`, HashiCorp Vault's Transit engine (the settings below).",
    allowed: '`local` or `vault`',
    parse: (raw) => (raw === 'local' || raw === 'vault' ? raw : undefined),
  }),
  variable({
    name: 'HEARTH_VAULT_ADDR',
    key: 'vaultAddr',
    default: '',
    meaning:
      "Vault's address, e.g. `https://vault.example.org:8200`, when `HEARTH_KEY_PROVIDER=vault`.",
    allowed: 'an http(s):// URL with no path',
    parse: httpUrl,
  }),
  variable({
    name: 'HEARTH_VAULT_TOKEN',
    key: 'vaultToken',
    default: '',
    meaning:
      "A Vault token allowed to encrypt, decrypt, read and rotate Hearth's two Transit keys (and nothing else).",
    allowed: 'a Vault token',
    secret: true,
    parse: optionalString,
  }),
  variable({
    name: 'HEARTH_VAULT_TRANSIT_MOUNT',
    key: 'vaultTransitMount',
    default: 'transit',
    meaning: 'Where the Transit secrets engine is mounted in Vault.',
    allowed: 'a mount path (letters, digits, - _ . /)',
    parse: safeName,
  }),
  variable({
    name: 'HEARTH_VAULT_KEY_PREFIX',
    key: 'vaultKeyPrefix',
    default: 'hearth',
    meaning:
      "Names of Hearth's Transit keys: `<prefix>-data` wraps data keys, `<prefix>-integrity` wraps HMAC keys.",
    allowed: 'a key name (letters, digits, - _ .)',
    parse: (raw) => (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(raw) ? raw : undefined),
  }),
  variable({
    name: 'HEARTH_VAULT_CA_FILE',
    key: 'vaultCaFile',
    default: '',
    meaning: "PEM file of the CA that signed Vault's certificate, if not a public one.",
    allowed: 'a file path',
    parse: optionalString,
  }),
  variable({
    name: 'HEARTH_BLOB_STORE',
    key: 'blobStore',
    default: 'fs',
    meaning:
      'Where encrypted documents are kept: `fs`, a directory (`HEARTH_BLOB_DIR`); `s3`, an S3-compatible bucket (the settings below).',
    allowed: '`fs` or `s3`',
    parse: (raw) => (raw === 'fs' || raw === 's3' ? raw : undefined),
  }),
  variable({
    name: 'HEARTH_BLOB_DIR',
    key: 'blobDir',
    default: '',
    meaning: 'Directory of the `fs` blob store. Unset: `blobs` in the data directory.',
    allowed: 'a directory path',
    parse: (raw) => (raw === '' ? undefined : resolve(raw)),
  }),
  variable({
    name: 'HEARTH_S3_BUCKET',
    key: 's3Bucket',
    default: '',
    meaning:
      'Bucket of the `s3` blob store. Credentials come from the usual AWS variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`) or the instance role.',
    allowed: 'an S3 bucket name',
    parse: (raw) =>
      raw === '' ? undefined : /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(raw) ? raw : undefined,
  }),
  variable({
    name: 'HEARTH_S3_REGION',
    key: 's3Region',
    default: 'us-east-1',
    meaning: 'Region of the bucket.',
    allowed: 'a region name such as `eu-central-1`',
    parse: (raw) => (/^[a-z0-9-]{2,40}$/.test(raw) ? raw : undefined),
  }),
  variable({
    name: 'HEARTH_S3_ENDPOINT',
    key: 's3Endpoint',
    default: '',
    meaning: 'Endpoint of an S3-compatible service other than AWS (MinIO, Ceph, Garage…).',
    allowed: 'an http(s):// URL with no path',
    parse: httpUrl,
  }),
  variable({
    name: 'HEARTH_S3_FORCE_PATH_STYLE',
    key: 's3ForcePathStyle',
    default: 'false',
    meaning:
      'Address the bucket as `endpoint/bucket` instead of `bucket.endpoint` (most S3-compatible services need `true`).',
    allowed: '`true` or `false`',
    parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined),
  }),
  variable({
    name: 'HEARTH_S3_PREFIX',
    key: 's3Prefix',
    default: '',
    meaning: 'Prefix of every object key Hearth writes, to share a bucket.',
    allowed: 'letters, digits and - _ . /',
    parse: (raw) => (raw === '' ? '' : safeName(raw)),
  }),
  variable({
    name: 'HEARTH_REKEY_INTERVAL_DAYS',
    key: 'rekeyIntervalDays',
    default: '90',
    meaning:
      'Every how many days the worker rotates the key-encryption keys and re-encrypts every document and field under fresh keys. `0`: only by `hearth rekey`.',
    allowed: 'an integer from 0 to 3650',
    parse: (raw) => {
      const n = Number(raw);
      return /^\d+$/.test(raw) && n <= 3650 ? n : undefined;
    },
  }),
  variable({
    name: 'HEARTH_SCRUB_SCHEDULE',
    key: 'scrubSchedule',
    default: '30 2 * * *',
    meaning:
      "When the worker checks every document's integrity (cron: minute hour day month weekday, in UTC). `off`: only by `hearth scrub`.",
    allowed: 'a five-field cron expression, or `off`',
    parse: cronOrOff,
  }),
  variable({
    name: 'HEARTH_AUDIT_VERIFY_SCHEDULE',
    key: 'auditVerifySchedule',
    default: '0 3 * * *',
    meaning:
      "When the worker re-checks every practice's audit hash chain, alerting on a broken link (cron, UTC). `off`: only by `hearth audit-verify`.",
    allowed: 'a five-field cron expression, or `off`',
    parse: cronOrOff,
  }),
] as const;

const KNOWN = new Set<string>(VARIABLES.map((v) => v.name));

/** Reads the environment; throws ConfigError with one line for the first problem found. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  for (const name of Object.keys(env).sort()) {
    if (name.startsWith('HEARTH_') && !KNOWN.has(name) && !name.startsWith('HEARTH_TEST_')) {
      throw new ConfigError(
        `${name} is not a Hearth setting; known settings are ${[...KNOWN].filter((n) => n.startsWith('HEARTH_')).join(', ')}`,
      );
    }
  }
  const config: Record<string, unknown> = {};
  for (const v of VARIABLES) {
    const given = env[v.name];
    const raw = (given ?? v.default).trim();
    const value = (v.parse as (raw: string) => unknown)(raw);
    if (value === undefined && raw !== '') {
      const shown = v.secret ? '' : ` (got "${given}")`;
      throw new ConfigError(`${v.name} must be ${v.allowed}${shown}`);
    }
    config[v.key] = value;
  }
  const parsed = config as unknown as Config;
  checkCombinations(parsed);
  return parsed;
}

/**
 * The public address when none is configured. Only on loopback is there a safe guess: beyond
 * it, the Host header is whatever a client says, and links built from it can point anywhere;
 * behind a proxy, the Host is the proxy's.
 */
function defaultPublicUrl(config: Config): string {
  if (config.tlsMode === 'behind-proxy') {
    throw new ConfigError(
      'HEARTH_PUBLIC_URL must be set to the address users type (e.g. https://hearth.example.org) when HEARTH_TLS_MODE is behind-proxy',
    );
  }
  if (!isLoopbackHost(config.host)) {
    throw new ConfigError(
      `HEARTH_PUBLIC_URL must be set to the address users type (e.g. https://hearth.example.org) when HEARTH_HOST is ${config.host}, which is not a loopback address`,
    );
  }
  return `https://localhost${config.port === 443 ? '' : `:${config.port}`}`;
}

function checkCombinations(config: Config): void {
  if (Boolean(config.tlsCertFile) !== Boolean(config.tlsKeyFile)) {
    throw new ConfigError('HEARTH_TLS_CERT_FILE and HEARTH_TLS_KEY_FILE must be set together');
  }
  if (config.tlsMode === 'behind-proxy' && config.trustedProxies.length === 0) {
    throw new ConfigError(
      'HEARTH_TRUSTED_PROXIES must list the proxy addresses when HEARTH_TLS_MODE is behind-proxy',
    );
  }
  if (config.keyProvider === 'vault' && (!config.vaultAddr || !config.vaultToken)) {
    throw new ConfigError(
      'HEARTH_KEY_PROVIDER=vault needs HEARTH_VAULT_ADDR and HEARTH_VAULT_TOKEN',
    );
  }
  if (config.blobStore === 's3' && !config.s3Bucket) {
    throw new ConfigError('HEARTH_BLOB_STORE=s3 needs HEARTH_S3_BUCKET');
  }
  if (config.httpPort !== 0 && config.httpPort === config.port) {
    throw new ConfigError('HEARTH_HTTP_PORT must differ from HEARTH_PORT (or be 0 to turn it off)');
  }
  // Left unset by the variable (an empty value parses to undefined): filled in, or refused.
  config.publicUrl ||= defaultPublicUrl(config);
}
