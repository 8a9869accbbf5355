import { SmsError } from '../sms/twilio.ts';

/** Attempts before a message that keeps being refused fails for good. */
export const MAX_ATTEMPTS = 8;
const FIRST_DELAY_MS = 30_000;
const LONGEST_DELAY_MS = 60 * 60_000;

/** When to try again after `attempts` attempts: 30 s, 1 min, 2 min … at most an hour apart. */
export function retryAt(attempts: number, now = Date.now()): Date {
  const delay = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_DELAY_MS);
  return new Date(now + delay);
}

export interface Failure {
  /** The provider's reason as a code (`twilio_21610`, `smtp_550`, `ETIMEDOUT`): never its words. */
  code: string;
  /** Nothing was sent: the next attempt can start afresh. */
  certain: boolean;
  /** The message itself was refused (a bad or unsubscribed address): retrying cannot help. */
  permanent: boolean;
}

/**
 * Reads a sender's error. SMTP replies in the 5xx range refuse the message itself; 4xx replies
 * and broken connections are worth another try. An email's resend carries the same Message-ID,
 * so an email is always "certain" enough to send again.
 */
export function failureOf(err: unknown): Failure {
  if (err instanceof SmsError) {
    return { code: err.code, certain: err.definite, permanent: err.permanent };
  }
  const e = err as { code?: unknown; responseCode?: unknown; name?: unknown };
  if (typeof e.responseCode === 'number') {
    return {
      code: `smtp_${e.responseCode}`,
      certain: true,
      permanent: e.responseCode >= 500 && e.responseCode < 600,
    };
  }
  const code = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'error';
  return { code: code.slice(0, 100), certain: false, permanent: false };
}
