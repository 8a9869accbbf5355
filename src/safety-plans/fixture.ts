import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../testing/app.ts';
import {
  callAs,
  staffedPractice,
  type StaffedPractice,
  type StaffMember,
} from '../testing/practice.ts';

/** Two practices, for the safety-plan tests. */
export interface PlansWorld {
  t: TestApp;
  p: StaffedPractice;
  other: StaffedPractice;
}

export async function plansWorld(): Promise<PlansWorld> {
  const t = await testApp();
  return { t, p: await staffedPractice(t), other: await staffedPractice(t, 'Other Practice') };
}

/** A client in the care of `clinicians`, added by the front desk. */
export async function addClient(w: PlansWorld, clinicians: StaffMember[]): Promise<string> {
  const r = await callAs(w.t, w.p.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Sam',
    lastName: 'Plans',
    dateOfBirth: '1979-03-04',
    clinicianIds: clinicians.map((c) => c.userId),
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}

export function auditOf(w: PlansWorld, action: string) {
  return w.t.db.withPractice(w.p.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['actor_user_id', 'outcome', 'subject_id', 'client_id', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute(),
  );
}

/** Every safety plan row, across practices (a jobs transaction sees them all). */
export async function countPlans(w: PlansWorld): Promise<number> {
  const row = await w.t.db.unscopedAcrossPractices(
    { job: 'test', reason: 'count safety plans' },
    (tx) =>
      tx
        .selectFrom('safety_plans')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}
