import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { ConfigError } from '../settings.ts';

export interface PostgresTarget {
  /** The URL with its TLS parameters removed: node-postgres would otherwise override ours. */
  connectionString: string;
  ssl: false | ConnectionOptions;
  /** For messages: host and port, never credentials. */
  where: string;
}

const TLS_PARAMS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'sslpassword', 'ssl'];

/**
 * Turns DATABASE_URL into pool settings. `verify-full` (and `require`, as node-postgres treats
 * it) verify the server's certificate and name; `verify-ca` verifies the certificate only.
 * `prefer` and `allow` are refused: a connection that silently falls back to plain text is not
 * something a practice holding PHI should be able to configure by accident.
 */
export function postgresTarget(databaseUrl: string, caFile?: string): PostgresTarget {
  const url = new URL(databaseUrl);
  for (const unsupported of ['ssl', 'sslcert', 'sslkey', 'sslpassword']) {
    if (url.searchParams.has(unsupported)) {
      throw new ConfigError(
        `DATABASE_URL parameter ${unsupported} is not supported; use sslmode=verify-full (and HEARTH_DATABASE_CA_FILE)`,
      );
    }
  }
  const mode = url.searchParams.get('sslmode') ?? (caFile ? 'verify-full' : 'disable');
  const rootCert = url.searchParams.get('sslrootcert') ?? caFile;
  for (const p of TLS_PARAMS) url.searchParams.delete(p);
  const where = `${url.hostname || 'localhost'}:${url.port || '5432'}`;

  let ssl: false | ConnectionOptions;
  switch (mode) {
    case 'disable':
      ssl = false;
      break;
    case 'require':
    case 'verify-full':
    case 'verify-ca':
      ssl = { rejectUnauthorized: true, minVersion: 'TLSv1.2' };
      if (rootCert) ssl.ca = readCa(rootCert);
      // verify-ca: the chain must verify, the host name need not match.
      if (mode === 'verify-ca') ssl.checkServerIdentity = () => undefined;
      break;
    default:
      throw new ConfigError(
        `DATABASE_URL sslmode must be disable, require, verify-ca or verify-full (got "${mode}")`,
      );
  }
  return { connectionString: url.toString(), ssl, where };
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `cannot read the database CA file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
}
