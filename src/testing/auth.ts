import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import { sql } from 'kysely';
import { SESSION_COOKIE } from '../auth/session-token.ts';
import type { Database } from '../platform/db/database.ts';
import type { HearthApp } from '../platform/http/types.ts';

/** What a browser sends with a request from Hearth's own pages (see auth/authenticate.ts). */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' } as const;

/**
 * A fresh client address for each request, so that per-address sign-up and sign-in budgets
 * (platform/limits) never decide a test that is about something else.
 */
export function anyAddress(): string {
  const [a = 0, b = 0, c = 1] = randomBytes(3);
  return `10.${a}.${b}.${c === 0 ? 1 : c}`;
}

/** Acceptable to the password policy, and unrelated to any name or email made below. */
export const GOOD_PASSWORD = 'violet lantern orbit marmalade 92';

export interface SignupInput {
  practiceName: string;
  name: string;
  email: string;
  password: string;
  baa: { accepted: boolean; signature?: string };
}

/** A valid signup body with a fresh email; `overrides` replace top-level fields. */
export function signupBody(overrides: Partial<SignupInput> = {}): SignupInput {
  const tag = randomUUID().slice(0, 8);
  return {
    practiceName: `Practice ${tag}`,
    name: 'Jordan Reyes',
    email: `owner-${tag}@example.org`,
    password: GOOD_PASSWORD,
    baa: { accepted: true, signature: 'Jordan Reyes' },
    ...overrides,
  };
}

/** The session cookie's value (signed, URL-decoded) as the response set it, if it did. */
export function sessionCookieOf(response: InjectResponse): string | undefined {
  const set = response.cookies.find((c) => c.name === SESSION_COOKIE);
  return set && set.value !== '' ? set.value : undefined;
}

/** The Cookie header a browser would send back for a session cookie value. */
export function cookieHeader(value: string): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}`;
}

/** The parts of a signed session cookie: `<practiceId>.<token>.<signature>`. */
export function cookieParts(value: string): {
  practiceId: string;
  token: string;
  signature: string;
} {
  const [practiceId = '', token = '', signature = '', ...rest] = value.split('.');
  if (rest.length > 0) throw new Error(`unexpected session cookie shape: ${rest.length + 3} parts`);
  return { practiceId, token, signature };
}

export interface SignedUp {
  response: InjectResponse;
  body: SignupInput;
  practiceId: string;
  userId: string;
  cookie: string;
}

/** Signs up a new practice through the API and returns its first admin's session. */
export async function signUpPractice(
  app: HearthApp,
  overrides: Partial<SignupInput> = {},
): Promise<SignedUp> {
  const body = signupBody(overrides);
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/signup',
    headers: SAME_ORIGIN,
    remoteAddress: anyAddress(),
    payload: body,
  });
  if (response.statusCode !== 201) {
    throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  }
  const answer = response.json<{ user: { id: string }; practice: { id: string } }>();
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error('signup set no session cookie');
  return { response, body, practiceId: answer.practice.id, userId: answer.user.id, cookie };
}

/** POST /api/v1/session from a same-origin page. */
export function signInRequest(app: HearthApp, email: string, password: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: SAME_ORIGIN,
    remoteAddress: anyAddress(),
    payload: { email, password },
  });
}

/** Signs in and returns the new session cookie; throws unless the answer is 200. */
export async function signIn(app: HearthApp, email: string, password: string): Promise<string> {
  const response = await signInRequest(app, email, password);
  const cookie = sessionCookieOf(response);
  if (response.statusCode !== 200 || !cookie) {
    throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  }
  return cookie;
}

/** A GET with a session cookie. */
export function getWith(app: HearthApp, url: string, cookie: string) {
  return app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(cookie) } });
}

const COUNTED = ['practices', 'users', 'sessions', 'baa_acceptances', 'audit_events'] as const;
export type RowCounts = Record<(typeof COUNTED)[number], number>;

/** How many rows the account tables hold across every practice, to show a refusal wrote nothing. */
export async function countAccountRows(db: Database): Promise<RowCounts> {
  return db.unscopedAcrossPractices(
    { job: 'test', reason: 'count rows across practices' },
    async (tx) => {
      const counts = {} as RowCounts;
      for (const table of COUNTED) {
        const { rows } = await sql<{
          n: string;
        }>`select count(*) as n from ${sql.table(table)}`.execute(tx);
        counts[table] = Number(rows[0]?.n);
      }
      return counts;
    },
  );
}
