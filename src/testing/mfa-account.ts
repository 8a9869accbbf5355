import assert from 'node:assert/strict';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import { totpCode } from '../auth/mfa/totp.ts';
import type { TestApp } from './app.ts';
import { anyAddress, GOOD_PASSWORD, signupBody } from './auth.ts';
import { cookieOf, SAME_ORIGIN } from './http.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A request from Hearth's own pages, from a fresh address unless one is given. */
export function send(
  t: TestApp,
  method: Method,
  url: string,
  cookie?: string,
  payload?: object,
  ip = anyAddress(),
): Promise<InjectResponse> {
  return t.app.inject({
    method,
    url,
    remoteAddress: ip,
    headers: { ...SAME_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

/**
 * An authenticator app that never reuses a time step (the server accepts each step once): each
 * code is for the step after the last one used, within the server's one step of drift.
 */
export class TestAuthenticator {
  #last = 0;
  readonly secret: string;
  constructor(secret: string) {
    this.secret = secret;
  }
  code(): string {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, this.#last + 1);
    assert.ok(step <= now + 1, 'at most two codes per 30 seconds');
    this.#last = step;
    return totpCode(this.secret, step * 30_000 + 1_000);
  }
}

export interface Account {
  practiceId: string;
  userId: string;
  email: string;
  password: string;
}

/** A new practice through the API; its admin is in the half-session that must enrol. */
export async function signUpAccount(t: TestApp): Promise<Account & { half: string }> {
  const body = signupBody();
  const r = await send(t, 'POST', '/api/v1/signup', undefined, body);
  assert.equal(r.statusCode, 201, r.body);
  const answer = r.json<{ user: { id: string }; practice: { id: string } }>();
  return {
    practiceId: answer.practice.id,
    userId: answer.user.id,
    email: body.email,
    password: GOOD_PASSWORD,
    half: cookieOf(r),
  };
}

/** Signs in with the password: the Cookie header of the session it opens (half or full). */
export async function passwordSession(t: TestApp, account: Account): Promise<string> {
  const r = await send(t, 'POST', '/api/v1/session', undefined, {
    email: account.email,
    password: account.password,
  });
  assert.equal(r.statusCode, 200, r.body);
  return cookieOf(r);
}

/** Sets up an authenticator app from a half-session: the authenticator and the full session. */
export async function enrolTotp(
  t: TestApp,
  half: string,
): Promise<{ authenticator: TestAuthenticator; full: string }> {
  const start = await send(t, 'POST', '/api/v1/mfa/totp', half);
  assert.equal(start.statusCode, 200, start.body);
  const authenticator = new TestAuthenticator(start.json<{ secret: string }>().secret);
  const confirm = await send(t, 'POST', '/api/v1/mfa/totp/confirm', half, {
    code: authenticator.code(),
  });
  assert.equal(confirm.statusCode, 200, confirm.body);
  return { authenticator, full: cookieOf(confirm) };
}

/** A new practice whose admin has a password and an authenticator app. */
export async function accountWithTotp(
  t: TestApp,
): Promise<Account & { authenticator: TestAuthenticator; full: string }> {
  const { half, ...account } = await signUpAccount(t);
  return { ...account, ...(await enrolTotp(t, half)) };
}
