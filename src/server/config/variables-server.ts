import { resolve } from 'node:path';
import { variable, port, optionalString, integerBetween, isCidr } from './parsers.ts';
import type { LogLevel } from '../../platform/settings.ts';

/** Where Hearth listens and stores, and how it protects the requests it serves. */
export const SERVER_VARIABLES = [
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
    meaning:
      'Largest JSON request body accepted, in bytes (uploads have their own limit; saving a note accepts what its fields can hold, about 4.9 MB).',
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
] as const;
