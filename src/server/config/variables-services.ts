import { resolve } from 'node:path';
import { variable, optionalString, httpUrl, safeName, cronOrOff } from './parsers.ts';

/** Keys, mail, text messages, documents and the scheduled jobs. */
export const SERVICE_VARIABLES = [
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
    name: 'HEARTH_NUMBER_KEY',
    key: 'numberKey',
    default: '',
    meaning:
      'Base64url of at least 32 random bytes: the key under which phone numbers are kept as digests (SMS opt-outs, replies to reminders). Unset: `number-key` in the data directory, generated on first start. Every Hearth process must share it, and it must never change: opt-outs are found by it.',
    allowed: 'base64url of at least 32 bytes',
    secret: true,
    parse: (raw) =>
      raw === ''
        ? undefined
        : /^[A-Za-z0-9_-]+={0,2}$/.test(raw) && Buffer.from(raw, 'base64url').length >= 32
          ? raw
          : undefined,
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
