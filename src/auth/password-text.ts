// The small, dependency-free part of the password rules: the web app imports it eagerly, and
// the policy (password-policy.ts, with its dictionaries) only when someone chooses a password.

/** NIST SP 800-63B-4: 15 characters at least for a password that may be a single factor. */
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

/** NIST SP 800-63B: normalise Unicode (NFKC) before hashing or judging; never truncate. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Length in characters (code points after NFKC), not UTF-16 units. */
export const passwordLength = (password: string) => [...normalizePassword(password)].length;

/** What a new password must not be built from. */
export interface PasswordContext {
  email?: string;
  practiceName?: string;
  name?: string;
}
