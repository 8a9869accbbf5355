import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

// RFC 6238 as authenticator apps implement it: SHA-1, 6 digits, 30-second steps.
const PARAMS = { issuer: 'Hearth', algorithm: 'SHA1', digits: 6, period: 30 } as const;

export interface TotpEnrollment {
  secret: string;
  uri: string;
  qrCode: string;
}

export async function newTotpEnrollment(label: string): Promise<TotpEnrollment> {
  const secret = new Secret({ size: 20 });
  const uri = new TOTP({ ...PARAMS, label, secret }).toString();
  // A data: URL image; the CSP allows data: images and nothing here is script.
  const qrCode = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  return { secret: secret.base32, uri, qrCode };
}

/**
 * The time step a code belongs to (±1 step for clock drift), or null. The caller accepts it only
 * if the step is later than the last one used, so each code works once.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ ...PARAMS, secret: Secret.fromBase32(secretBase32) });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return TOTP.counter({ period: PARAMS.period, timestamp: now }) + delta;
}

/** For tests and for the browser tests' authenticator: the code for a moment. */
export function totpCode(secretBase32: string, now = Date.now()): string {
  return new TOTP({ ...PARAMS, secret: Secret.fromBase32(secretBase32) }).generate({
    timestamp: now,
  });
}

/** For tests: a code valid in no step from two before `now` to two after. */
export function wrongTotpCode(secretBase32: string, now = Date.now()): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => totpCode(secretBase32, now + d * 30_000)));
  return ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !valid.has(c))!;
}
