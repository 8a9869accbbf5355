import { isIP } from 'node:net';
import type { Config } from '../../platform/settings.ts';

export interface Variable<K extends keyof Config> {
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

export const port = (raw: string) => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= 1 && n <= 65535 ? n : undefined;
};
export const optionalString = (raw: string) => (raw === '' ? undefined : raw);
export const integerBetween = (raw: string, min: number, max: number) => {
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= min && n <= max ? n : undefined;
};
export const httpUrl = (raw: string) => {
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
export const safeName = (raw: string) =>
  /^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$/.test(raw) ? raw : undefined;
export const CRON_FIELD =
  /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?(,(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?)*$/;
export const cronOrOff = (raw: string) =>
  raw === 'off' ||
  (raw.split(/\s+/).length === 5 && raw.split(/\s+/).every((f) => CRON_FIELD.test(f)))
    ? raw
    : undefined;
export const isCidr = (entry: string) => {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
};

export function variable<K extends keyof Config>(v: Variable<K>): Variable<K> {
  return v;
}
