// Setting the scene through the API with a person's own cookies (Playwright's request context
// shares them with the browser), so a journey starts where it matters.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIResponse, BrowserContext } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { BASE_URL } from './harness.ts';

export const PASSWORD = 'juniper quarry lantern meadow';

async function ok(res: APIResponse): Promise<unknown> {
  if (!res.ok()) throw new Error(`${res.url()}: ${res.status()} ${await res.text()}`);
  return res.status() === 204 ? undefined : res.json();
}

/** Unsafe requests from Hearth's own origin, as the browser would send them. */
export function call(
  context: BrowserContext,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
) {
  return context.request
    .fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers: { origin: BASE_URL },
      ...(data === undefined ? {} : { data }),
    })
    .then(ok);
}

/**
 * An authenticator that never reuses a time step (the server accepts each code once): the
 * next code is for the step after the last one used, within the server's ±1 step of drift.
 */
export class Authenticator {
  private last = 0;
  private readonly totp: TOTP;
  constructor(secret: string) {
    this.totp = new TOTP({
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      secret: Secret.fromBase32(secret),
    });
  }
  async code(): Promise<string> {
    let now = Math.floor(Date.now() / 30_000);
    while (this.last + 1 > now + 1) {
      await new Promise((r) => setTimeout(r, 1000));
      now = Math.floor(Date.now() / 30_000);
    }
    const step = Math.max(now, this.last + 1);
    this.last = step;
    return this.totp.generate({ timestamp: step * 30_000 + 1_000 });
  }
  /** A code the server refuses: valid in no step from two before now to two after. */
  wrongCode(): string {
    const now = Date.now();
    const valid = new Set(
      [-2, -1, 0, 1, 2].map((d) => this.totp.generate({ timestamp: now + d * 30_000 })),
    );
    return ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !valid.has(c))!;
  }
}

export interface Admin {
  email: string;
  name: string;
  practiceName: string;
  authenticator: Authenticator;
}

/** A new practice and its administrator with an authenticator app, signed in in `context`. */
export async function newPractice(context: BrowserContext, label: string): Promise<Admin> {
  const tag = randomUUID().slice(0, 6);
  const admin = {
    email: `admin-${tag}@${label}.test`,
    name: 'Rowan Birch',
    practiceName: `Birchwood ${label} ${tag}`,
  };
  await call(context, 'POST', '/signup', {
    practiceName: admin.practiceName,
    name: admin.name,
    email: admin.email,
    password: PASSWORD,
    baa: { accepted: true, signature: admin.name },
  });
  const { secret } = (await call(context, 'POST', '/mfa/totp')) as { secret: string };
  const authenticator = new Authenticator(secret);
  await call(context, 'POST', '/mfa/totp/confirm', { code: await authenticator.code() });
  return { ...admin, authenticator };
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** The first email to `to` whose subject matches, once Hearth's outbox has delivered it. */
export async function waitForMail(to: string, subject: RegExp, timeoutMs = 20_000): Promise<Mail> {
  const dir = process.env.HEARTH_E2E_MAIL_DIR ?? '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const file of readdirSync(dir).sort()) {
      const mail = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Mail;
      if (mail.to.includes(to) && subject.test(mail.subject)) return mail;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${to} matching ${subject} within ${timeoutMs} ms`);
}

export interface Text {
  to: string;
  body: string;
  /** The 6-digit code in the body ('' if there is none). */
  code: string;
}

const seenTexts = new Set<string>();

/**
 * The next text message to `to` (E.164) that no earlier call returned, once Hearth's outbox
 * has sent it through the fake Twilio (e2e/phone.ts) — so the second call finds the newer code.
 */
export async function waitForText(to: string, timeoutMs = 20_000): Promise<Text> {
  const dir = process.env.HEARTH_E2E_SMS_DIR ?? '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const file of readdirSync(dir).sort()) {
      if (seenTexts.has(file)) continue;
      const text = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<Text, 'code'>;
      if (text.to !== to) continue;
      seenTexts.add(file);
      return { ...text, code: /\b(\d{6})\b/.exec(text.body)?.[1] ?? '' };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no new text message to ${to} within ${timeoutMs} ms`);
}
