// Scenes for the scheduling journeys, set through the API: a practice whose zone is in the
// working day right now (whatever the machine's clock), its staff signed in each in a browser
// of their own, and a client in the associate's care.
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { call, newPractice, PASSWORD } from './api.ts';
import type { Journey } from './harness.ts';

export interface Member {
  id: string;
  name: string;
  context: BrowserContext;
  page: Page;
}

/**
 * A zone where it is now between 9:00 and 15:00, so "today" has room for a session in the next
 * hour and the browser (New York) is usually in another zone: the screens must use the
 * practice's, never the browser's.
 */
export function workingZone(): string {
  const zones = [
    'Asia/Tokyo',
    // Not a zone whose only transition is from local mean time (Asia/Dubai): the calendar feed
    // answers 500 there (src/scheduling/vtimezone.ts, reported).
    'Asia/Calcutta',
    'Europe/Berlin',
    'Europe/London',
    'America/Sao_Paulo',
    'America/Chicago',
    'America/Los_Angeles',
    'Pacific/Honolulu',
    'Pacific/Auckland',
    'Australia/Sydney',
  ];
  return zones.find((z) => {
    const h = Temporal.Now.zonedDateTimeISO(z).hour;
    return h >= 9 && h < 15;
  })!;
}

async function join(
  j: Journey,
  admin: BrowserContext,
  name: string,
  role: string,
): Promise<Member> {
  const email = `${role}-${randomUUID().slice(0, 6)}@schedule.test`;
  const invited = (await call(admin, 'POST', '/users', { name, email, role })) as {
    id: string;
    inviteUrl: string;
  };
  const token = new URL(invited.inviteUrl).hash.slice(1);
  const { context, page } = await j.person();
  await call(context, 'POST', '/invitations/accept', { token, password: PASSWORD });
  return { id: invited.id, name, context, page };
}

export interface Scene {
  zone: string;
  admin: Member;
  associate: Member;
  frontDesk?: Member;
  biller?: Member;
  clientId: string;
}

/**
 * The practice, its admin, an associate with a client in their care, and only the other
 * colleagues a journey needs: every invitation accepted counts against the server's budget of
 * ten sign-ups an hour from one address, shared by all the journeys of a run.
 */
export async function schedulingPractice(
  j: Journey,
  label: string,
  also: { frontDesk?: boolean; biller?: boolean; zone?: string } = {},
): Promise<Scene> {
  const { context, page } = await j.person();
  const admin = await newPractice(context, label);
  const zone = also.zone ?? workingZone();
  // Invitees join without a second factor in these journeys (enrolment has its own).
  await call(context, 'PATCH', '/practice', { mfaRequired: false, timeZone: zone });
  const me = (await call(context, 'GET', '/me')) as { user: { id: string } };
  const associate = await join(j, context, 'Alex Morgan', 'associate');
  const frontDesk = also.frontDesk ? await join(j, context, 'Sam Lee', 'front_desk') : undefined;
  const biller = also.biller ? await join(j, context, 'Robin Park', 'biller') : undefined;
  const client = (await call(context, 'POST', '/clients', {
    firstName: 'Jordan',
    lastName: 'Ellis',
    dateOfBirth: '1988-04-12',
    clinicianIds: [associate.id],
  })) as { id: string };
  return {
    zone,
    admin: { id: me.user.id, name: admin.name, context, page },
    associate,
    ...(frontDesk ? { frontDesk } : {}),
    ...(biller ? { biller } : {}),
    clientId: client.id,
  };
}

export interface ApiAppointment {
  id: string;
  start: string;
  end: string;
  status: string;
  statusReason: string | null;
  seriesId: string | null;
  detached: boolean;
  clinicianId: string;
  remark?: string | null;
}

/** A client's appointments in [from, to) as the API has them (at most 62 days). */
export async function appointmentsOf(
  context: BrowserContext,
  clientId: string,
  from: string,
  to: string,
): Promise<ApiAppointment[]> {
  const q = new URLSearchParams({ clientId, from, to }).toString();
  const page = (await call(context, 'GET', `/appointments?${q}`)) as { items: ApiAppointment[] };
  return page.items;
}

/** The local wall clock of an instant in `zone`: "2026-12-08T10:00". */
export const localOf = (iso: string, zone: string) =>
  Temporal.Instant.from(iso).toZonedDateTimeISO(zone).toPlainDateTime().toString().slice(0, 16);
