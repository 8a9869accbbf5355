/** NIST SP 800-63B-4: 15 characters at least for a password that may be a single factor. */
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;

/** What a new password must not be built from. */
export interface PasswordContext {
  email?: string;
  practiceName?: string;
  name?: string;
}
