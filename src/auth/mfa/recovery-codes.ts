import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes of 16 characters from a 31-letter alphabet (~79 bits each), grouped for reading. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

export function isRecoveryCodeShaped(code: string): boolean {
  return /^[a-z0-9]{4}(-?[a-z0-9]{4}){3}$/i.test(code.trim());
}

/** High-entropy codes need no slow hash: SHA-256 of the normalised code. */
export function hashRecoveryCode(code: string): Buffer {
  const normalized = code.trim().toLowerCase().replaceAll('-', '');
  return createHash('sha256').update(normalized, 'utf8').digest();
}
