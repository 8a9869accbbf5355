import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../testing/app.ts';
import {
  callAs,
  staffedPractice,
  type StaffedPractice,
  type StaffMember,
} from '../testing/practice.ts';
import { Temporal } from './time.ts';

export interface Scheduling {
  p: StaffedPractice;
  /** A client in the associate's care. */
  clientId: string;
  /** A client in the second associate's care only. */
  otherClientId: string;
  zone: string;
}

export async function addClient(
  t: TestApp,
  p: StaffedPractice,
  clinician: StaffMember,
  lastName = 'Achebe',
) {
  const r = await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Rowan',
    lastName,
    dateOfBirth: '1990-02-03',
    clinicianIds: [clinician.userId],
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}

/** A practice in `zone` with a client for each associate. */
export async function schedulingPractice(
  t: TestApp,
  zone = 'America/New_York',
): Promise<Scheduling> {
  const p = await staffedPractice(t);
  const z = await callAs(t, p.staff.admin, 'PATCH', '/api/v1/practice', { timeZone: zone });
  assert.equal(z.statusCode, 200, z.body);
  const clientId = await addClient(t, p, p.staff.associate);
  const otherClientId = await addClient(t, p, p.secondAssociate, 'Okafor');
  return { p, clientId, otherClientId, zone };
}

/**
 * On ISO `weekday` (1 = Monday) of the Monday-to-Sunday week `weeks` weeks from this one, at
 * local `time` in `zone`, as ISO with offset. Week 1 and later are wholly in the future.
 */
export function upcoming(zone: string, weeks: number, weekday: number, time: string): string {
  const today = Temporal.Now.plainDateISO(zone);
  const date = today.add({ weeks }).add({ days: weekday - today.dayOfWeek });
  return date
    .toPlainDateTime(Temporal.PlainTime.from(time))
    .toZonedDateTime(zone)
    .toString({ timeZoneName: 'never' });
}

export const plusMinutes = (iso: string, minutes: number) =>
  Temporal.ZonedDateTime.from(`${iso}[UTC]`, { offset: 'use' })
    .add({ minutes })
    .toInstant()
    .toString();

export function booking(
  s: Scheduling,
  start: string,
  minutes = 50,
  extra: Record<string, unknown> = {},
) {
  return {
    clientId: s.clientId,
    clinicianId: s.p.staff.associate.userId,
    start,
    end: plusMinutes(start, minutes),
    kind: 'telehealth',
    serviceCode: '90834',
    ...extra,
  };
}

export async function book(
  t: TestApp,
  who: StaffMember,
  body: object,
): Promise<LightMyRequestResponse> {
  return callAs(t, who, 'POST', '/api/v1/appointments', body);
}

export async function countRows(
  t: TestApp,
  practiceId: string,
  table: 'appointments' | 'appointment_series' | 'time_off' | 'working_hours' | 'calendar_feeds',
) {
  const rows = await t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  );
  return Number(rows.n);
}

export async function auditRows(t: TestApp, practiceId: string, action: string) {
  return t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['actor_user_id', 'actor_type', 'outcome', 'client_id', 'subject_id', 'detail'])
      .where('action', '=', action)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
  );
}

export const errorCode = (r: LightMyRequestResponse) =>
  r.json<{ error: { code: string } }>().error.code;
