import { createHmac, timingSafeEqual } from 'node:crypto';

/** A form's parameters as received: a name may repeat. */
export type FormParams = Iterable<readonly [string, string]>;

/**
 * Twilio's request signature: HMAC-SHA1, keyed by the account's auth token, over the full URL
 * Twilio called (with its query string) followed by every POST parameter — sorted by name,
 * each name then its value, nothing between — in base64.
 * https://www.twilio.com/docs/usage/security#validating-requests
 */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  // Sorted by name, then value: Twilio's libraries sort a repeated name's values too.
  const pairs = [...params].sort(([a, x], [b, y]) =>
    a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1,
  );
  const hmac = createHmac('sha1', authToken).update(url, 'utf8');
  for (const [name, value] of pairs) hmac.update(name + value, 'utf8');
  return hmac.digest('base64');
}

/**
 * Whether `signature` (the X-Twilio-Signature header) is Twilio's for this request. `url` must
 * be the address Twilio was given — behind a proxy, HEARTH_PUBLIC_URL's, never one rebuilt from
 * the Host header, which the sender chooses. Compared in constant time: a byte-by-byte compare
 * would let a forger learn the signature a byte at a time.
 */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: FormParams,
  signature: string | undefined,
): boolean {
  if (!signature || !authToken) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
