import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import { insertSession, insertUser } from '../auth/queries.ts';
import {
  encodeSessionValue,
  newSessionToken,
  SESSION_ABSOLUTE_HOURS,
  SESSION_COOKIE,
} from '../auth/session-token.ts';
import type { Role } from '../auth/roles.ts';
import { createPractice } from '../practices/service.ts';
import type { TestApp } from './app.ts';
import { SAME_ORIGIN } from './http.ts';

export const STAFF_ROLES: readonly Role[] = [
  'admin',
  'supervisor',
  'associate',
  'biller',
  'front_desk',
];

export interface StaffMember {
  userId: string;
  role: Role;
  email: string;
  /** The Cookie header of a full (MFA-complete) session. */
  cookie: string;
}

export interface StaffedPractice {
  practiceId: string;
  /** One active user of each role. */
  staff: Record<Role, StaffMember>;
  /** Another clinician, for tests of "not in my care" and supervision. */
  secondAssociate: StaffMember;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A practice with one user of each role, each already signed in with a full session, made
 * straight in the database: sign-in itself is tested in auth/, and five scrypt hashes per test
 * file would only slow the suite. Sessions are the real thing — the same table and signed
 * cookie the sign-in route issues — so every request still passes the real session check.
 */
export async function staffedPractice(
  t: TestApp,
  name = 'Test Practice',
): Promise<StaffedPractice> {
  const tag = randomUUID().slice(0, 8);
  const sessions: { userId: string; role: Role; email: string; token: string }[] = [];
  const practiceId = await createPractice(
    t.db,
    { name: `${name} ${tag}` },
    async (tx, practice) => {
      const people: { role: Role; key: string }[] = [
        ...STAFF_ROLES.map((role) => ({ role, key: role })),
        { role: 'associate', key: 'associate2' },
      ];
      for (const { role, key } of people) {
        const email = `${key.replace('_', '')}-${tag}@example.test`;
        const userId = await insertUser(tx, {
          email,
          name: `${role.replace('_', ' ')} ${tag}`,
          role,
          // Never verified: these users do not sign in with a password.
          passwordHash: 'scrypt$unused',
        });
        const { token, hash } = newSessionToken();
        await insertSession(tx, {
          userId,
          tokenHash: hash,
          mfaPending: false,
          expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000),
          ip: '127.0.0.1',
          userAgent: 'hearth-tests',
        });
        sessions.push({ userId, role, email, token });
      }
      return practice.id;
    },
  );
  const member = (s: (typeof sessions)[number]): StaffMember => ({
    userId: s.userId,
    role: s.role,
    email: s.email,
    cookie: `${SESSION_COOKIE}=${encodeURIComponent(t.app.signCookie(encodeSessionValue(practiceId, s.token)))}`,
  });
  const staff = Object.fromEntries(
    STAFF_ROLES.map((role) => [role, member(sessions.find((s) => s.role === role)!)]),
  ) as Record<Role, StaffMember>;
  const second = sessions.filter((s) => s.role === 'associate')[1]!;
  return { practiceId, staff, secondAssociate: member(second) };
}

/** A request as a signed-in member from Hearth's own pages (same-origin, cookie). */
export function callAs(
  t: TestApp,
  who: { cookie: string },
  method: Method,
  url: string,
  payload?: unknown,
): Promise<InjectResponse> {
  return t.app.inject({
    method,
    url,
    headers: { ...SAME_ORIGIN, cookie: who.cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** One more signed-in member of a practice (for tests that need several people of one role). */
export async function addStaffMember(
  t: TestApp,
  practiceId: string,
  role: Role,
  key: string,
): Promise<StaffMember> {
  const tag = randomUUID().slice(0, 8);
  const email = `${key}-${tag}@example.test`;
  const { token, userId } = await t.db.withPractice(practiceId, async (tx) => {
    const id = await insertUser(tx, {
      email,
      name: `${key} ${tag}`,
      role,
      passwordHash: 'scrypt$unused',
    });
    const session = newSessionToken();
    await insertSession(tx, {
      userId: id,
      tokenHash: session.hash,
      mfaPending: false,
      expiresAt: new Date(Date.now() + SESSION_ABSOLUTE_HOURS * 3_600_000),
      ip: '127.0.0.1',
      userAgent: 'hearth-tests',
    });
    return { token: session.token, userId: id };
  });
  return {
    userId,
    role,
    email,
    cookie: `${SESSION_COOKIE}=${encodeURIComponent(t.app.signCookie(encodeSessionValue(practiceId, token)))}`,
  };
}
