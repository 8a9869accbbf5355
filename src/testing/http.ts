import assert from 'node:assert/strict';
import { SESSION_COOKIE } from '../auth/session-token.ts';

/** What a browser sends with a request from Hearth's own pages (see auth/authenticate.ts). */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' } as const;

/** The Cookie header a browser would send back after this response set a session. */
export function cookieOf(response: { cookies: { name: string; value: string }[] }): string {
  const c = response.cookies.find((x) => x.name === SESSION_COOKIE && x.value !== '');
  assert.ok(c, 'a session cookie was set');
  return `${SESSION_COOKIE}=${encodeURIComponent(c.value)}`;
}
