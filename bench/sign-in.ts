// Sign-in costs: scrypt with Hearth's parameters, sign-up and sign-in over HTTPS, and what
// checking the session cookie on every request costs (GET /healthz without and with the
// cookie, and GET /api/v1/me, which adds one query). A new practice requires MFA, so its
// session is MFA-pending: /api/v1/me accepts it, which is all this needs. Also on that server:
// wrong-password sign-ins for known and unknown emails, timed (lib/enumeration.ts).
import { hashPassword, SCRYPT } from '../src/auth/passwords.ts';
import { SESSION_COOKIE } from '../src/auth/session-token.ts';
import { eachBackend } from './lib/backends.ts';
import { enumerationTiming } from './lib/enumeration.ts';
import { UNMET_BUDGETS } from './lib/bench-keys.ts';
import { cookiePair, sendJson } from './lib/https-json.ts';
import { load, type LoadOptions, type LoadResult } from './lib/load.ts';
import { startServer } from './lib/server.ts';
import { count, max, median, ms } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

const HASHES = 10;
const SIGN_INS = 5;
/**
 * Wrong-password attempts per kind (known, unknown email): both kinds together within the
 * address's budget of 20 failures (password spraying).
 */
const ENUMERATION_TRIES = 10;
/** Known accounts they are spread over, each staying well under the lockout of 10 failures. */
const ENUMERATION_ACCOUNTS = 3;
const CONNECTIONS = 16;
const WARM_UP_S = 2;
const DURATION_S = 8;
const EMAIL = 'bench@example.test';
const PASSWORD = 'violet staple horizon quartz';
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const HASH_TITLE = `scrypt hash (N=2^${SCRYPT.log2N}, r=${SCRYPT.r}, p=${SCRYPT.p})`;
const HTTP_TITLE = `session check over HTTPS (${CONNECTIONS} conns, ${DURATION_S} s each)`;
const ENUMERATION_TITLE = 'sign-in enumeration timing (wrong password)';

async function scryptRow(): Promise<Row> {
  const times: number[] = [];
  for (let i = 0; i < HASHES; i++) {
    const t = performance.now();
    await hashPassword(PASSWORD);
    times.push(performance.now() - t);
  }
  const figures = `median ${ms(median(times))}, max ${ms(max(times))} (n=${HASHES}, one at a time)`;
  return { benchmark: HASH_TITLE, backend: 'in-process', figures };
}

/** Times a request; throws unless it answers `expected`. */
async function timed(expected: number, send: () => ReturnType<typeof sendJson>) {
  const t = performance.now();
  const answer = await send();
  const elapsed = performance.now() - t;
  if (answer.status !== expected) {
    throw new Error(`expected ${expected}, got ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
  return { answer, elapsed };
}

/** Signs up a new practice whose administrator is `email`; expects 201. */
function signUp(origin: string, email: string, practiceName: string) {
  return timed(201, () =>
    sendJson(
      `${origin}/api/v1/signup`,
      'POST',
      {
        practiceName,
        name: 'Bench Admin',
        email,
        password: PASSWORD,
        baa: { accepted: true, signature: 'Bench Admin' },
      },
      SAME_ORIGIN,
    ),
  );
}

/** Loads `url`; autocannon receives every option load() is given, headers included. */
async function measure(url: string, headers: Record<string, string>): Promise<LoadResult> {
  const options: LoadOptions & { headers: Record<string, string> } = {
    url,
    connections: CONNECTIONS,
    duration: WARM_UP_S,
    headers,
  };
  await load(options);
  return load({ ...options, duration: DURATION_S });
}

function describe(label: string, r: LoadResult): string {
  const failures = r.non2xx + r.errors + r.timeouts;
  const failed = failures > 0 ? ` (${count(failures)} failed)` : '';
  return `${label} ${count(r.requests.average)} req/s, p99 ${r.latency.p99} ms${failed}`;
}

export const signIn: Benchmark = {
  name: 'sign-in',
  run: async () => [
    await scryptRow(),
    ...(await eachBackend(HTTP_TITLE, async (backend): Promise<Row[]> => {
      // /api/v1/me on one session, 16 connections: far past the request budgets.
      const server = await startServer({ ...backend.settings, ...UNMET_BUDGETS });
      try {
        const signup = await signUp(server.origin, EMAIL, 'Bench Practice');
        const cookie = cookiePair(signup.answer.cookies, SESSION_COOKIE);
        if (!cookie) throw new Error('sign-up set no session cookie');
        const signIns: number[] = [];
        for (let i = 0; i < SIGN_INS; i++) {
          const body = { email: EMAIL, password: PASSWORD };
          const url = `${server.origin}/api/v1/session`;
          signIns.push((await timed(200, () => sendJson(url, 'POST', body, SAME_ORIGIN))).elapsed);
        }
        // Fresh accounts for the failures, so the one signed in above keeps a clean record.
        const known = Array.from(
          { length: ENUMERATION_ACCOUNTS },
          (_, i) => `known-${i}@example.test`,
        );
        for (const [i, email] of known.entries()) {
          await signUp(server.origin, email, `Bench Practice ${i + 1}`);
        }
        const enumeration = await enumerationTiming(server.origin, known, ENUMERATION_TRIES);
        const withCookie = { cookie };
        const health = await measure(`${server.origin}/healthz`, {});
        const healthSession = await measure(`${server.origin}/healthz`, withCookie);
        const me = await measure(`${server.origin}/api/v1/me`, withCookie);
        const results = [health, healthSession, me];
        const figures = [
          `sign-up ${ms(signup.elapsed)}, sign-in median ${ms(median(signIns))} (n=${SIGN_INS})`,
          describe('/healthz no cookie', health),
          describe('/healthz + session check', healthSession),
          describe('/api/v1/me', me),
        ].join('; ');
        const failed = results.some((r) => r.non2xx + r.errors + r.timeouts > 0);
        const row: Row = { benchmark: HTTP_TITLE, backend: backend.name, figures };
        const enumerationRow: Row = {
          benchmark: ENUMERATION_TITLE,
          backend: backend.name,
          figures: enumeration.figures,
        };
        return [
          failed ? { ...row, failed: true } : row,
          enumeration.failed ? { ...enumerationRow, failed: true } : enumerationRow,
        ];
      } finally {
        await server.stop();
      }
    })),
  ],
};
