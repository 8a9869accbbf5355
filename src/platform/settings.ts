// The shape of Hearth's settings. Platform modules take the part they need (Pick<Config, ...>);
// reading them from the environment, with defaults and checks, is server/config/.

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
  /** Base64url key of the keyed digests of phone numbers (platform/sms/phone.ts); unset: a file. */
  numberKey: string | undefined;
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
