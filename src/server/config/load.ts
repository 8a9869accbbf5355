import { isLoopbackHost } from '../../platform/http/host-check.ts';
import { ConfigError, type Config } from '../../platform/settings.ts';
import { SERVER_VARIABLES } from './variables-server.ts';
import { SERVICE_VARIABLES } from './variables-services.ts';

export { ConfigError, type Config, type LogLevel, type TlsMode } from '../../platform/settings.ts';

/** Every setting Hearth reads. The README's configuration table is checked against this list. */
export const VARIABLES = [...SERVER_VARIABLES, ...SERVICE_VARIABLES] as const;

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
