import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { ConfigError } from '../settings.ts';

/**
 * A number as typed ("(555) 201-3344", "+44 20 7946 0958") in E.164 ("+15552013344"), or null
 * when it is not a possible phone number. Numbers without a country code are read as
 * `defaultCountry`'s. libphonenumber-js: Google's metadata, kept current, no home-made rules.
 */
export function toE164(raw: string, defaultCountry: CountryCode = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed?.isPossible() ? parsed.number : null;
}

/**
 * Numbers are matched (a reply to a reminder, a STOP) by a keyed digest, so a table of them
 * reveals nothing without the key: HMAC-SHA256 of the E.164 form under the deployment's number
 * key. The key must outlive every opt-out, so it is its own secret, not the session secret
 * (which operators may rotate).
 */
export class NumberDigester {
  #key: Buffer;

  constructor(key: Buffer) {
    if (key.length < 32) throw new ConfigError('the number key must be at least 32 bytes');
    this.#key = key;
  }

  /** The digest of a number in any form `toE164` reads; null when it is not a number. */
  digest(raw: string, defaultCountry?: CountryCode): Buffer | null {
    const e164 = toE164(raw, defaultCountry);
    return e164 === null ? null : createHmac('sha256', this.#key).update(e164).digest();
  }
}

/** HEARTH_NUMBER_KEY (base64url, ≥ 32 bytes), or a random key kept (mode 0600) in the data directory. */
export function loadNumberKey(options: { numberKey: string | undefined; dataDir: string }): Buffer {
  if (options.numberKey) return Buffer.from(options.numberKey, 'base64url');
  const path = join(options.dataDir, 'number-key');
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(
        `cannot read the number key ${path}: ${(err as NodeJS.ErrnoException).code}`,
      );
    }
  }
  const key = randomBytes(32);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(path, key.toString('base64url'), { mode: 0o600, flag: 'wx' });
  return key;
}
