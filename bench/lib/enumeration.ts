// Account enumeration by timing: does a wrong password for a known email answer in a different
// time than one for an unknown email? Sign-in attempts one at a time, known and unknown
// interleaved (ABBA, so neither kind always goes first), every one expected to answer 401.
import { LIMITS } from '../../src/platform/limits/rate-limits.ts';
import { sendJson } from './https-json.ts';
import { percentile } from './loops.ts';
import { median, ms } from './stats.ts';

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const WRONG_PASSWORD = 'not the password at all, surely';

export interface EnumerationResult {
  figures: string;
  failed: boolean;
}

/**
 * `perKind` attempts at the known emails (round robin) and as many at distinct unknown ones.
 * Throws before sending anything if they would trip the per-account lockout (a locked account
 * answers 429 at once) or the per-IP failure budget (successful sign-ins spend from none).
 */
export async function enumerationTiming(
  origin: string,
  knownEmails: readonly string[],
  perKind: number,
): Promise<EnumerationResult> {
  const perAccount = Math.ceil(perKind / knownEmails.length);
  if (perAccount >= LIMITS.signInFailuresPerAccount.points) {
    throw new Error(`${perAccount} failures per account would reach the lockout`);
  }
  if (2 * perKind > LIMITS.signInFailuresPerIp.points) {
    throw new Error(`${2 * perKind} failed sign-ins would spend the per-IP failure budget`);
  }
  const url = `${origin}/api/v1/session`;
  const times = { known: [] as number[], unknown: [] as number[] };
  const unexpected: number[] = [];
  const attempt = async (kind: 'known' | 'unknown', i: number) => {
    const email =
      kind === 'known' ? (knownEmails[i % knownEmails.length] ?? '') : `nobody-${i}@example.test`;
    const t = performance.now();
    const answer = await sendJson(url, 'POST', { email, password: WRONG_PASSWORD }, SAME_ORIGIN);
    times[kind].push(performance.now() - t);
    if (answer.status !== 401) unexpected.push(answer.status);
  };
  for (let i = 0; i < perKind; i++) {
    const order = i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const);
    for (const kind of order) await attempt(kind, i);
  }
  const describe = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${label} median ${ms(median(sorted))}, p90 ${ms(percentile(sorted, 0.9))}`;
  };
  const difference = median(times.known) - median(times.unknown);
  const sign = difference >= 0 ? '+' : '−';
  const parts = [
    describe('known email', times.known),
    describe('unknown email', times.unknown),
    `known − unknown medians ${sign}${ms(Math.abs(difference))}`,
  ];
  if (unexpected.length > 0) {
    parts.push(`${unexpected.length} not 401: ${[...new Set(unexpected)].join(', ')}`);
  }
  const n = `(n=${perKind} each, ${knownEmails.length} known accounts, interleaved, one at a time)`;
  return { figures: `${parts.join('; ')} ${n}`, failed: unexpected.length > 0 };
}
