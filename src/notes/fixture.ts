import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../testing/app.ts';
import {
  callAs,
  staffedPractice,
  type StaffedPractice,
  type StaffMember,
} from '../testing/practice.ts';

/** Test world for the notes: two practices, and clients in the associate's care. */
export interface NotesWorld {
  t: TestApp;
  p: StaffedPractice;
  other: StaffedPractice;
  /** In the associate's care (and the supervisor's: the associate is supervised). */
  clientId: string;
  /** In the second associate's care only. */
  otherCareClientId: string;
  /** Another practice's client, in its associate's care. */
  outsiderClientId: string;
}

export async function addClient(
  t: TestApp,
  practice: StaffedPractice,
  clinicians: StaffMember[],
): Promise<string> {
  const r = await callAs(t, practice.staff.front_desk, 'POST', '/api/v1/clients', {
    firstName: 'Quinn',
    lastName: 'Notes',
    dateOfBirth: '1985-06-07',
    clinicianIds: clinicians.map((c) => c.userId),
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}

/** Makes `supervisor` the clinical supervisor of `associate`, through the staff API. */
export async function supervise(
  t: TestApp,
  practice: StaffedPractice,
  associate: StaffMember,
  supervisor: StaffMember | null,
): Promise<void> {
  const r = await callAs(t, practice.staff.admin, 'PATCH', `/api/v1/users/${associate.userId}`, {
    supervisorId: supervisor?.userId ?? null,
  });
  assert.equal(r.statusCode, 200, r.body);
}

export async function notesWorld(): Promise<NotesWorld> {
  const t = await testApp();
  const p = await staffedPractice(t);
  const other = await staffedPractice(t, 'Other Practice');
  await supervise(t, p, p.staff.associate, p.staff.supervisor);
  return {
    t,
    p,
    other,
    clientId: await addClient(t, p, [p.staff.associate]),
    otherCareClientId: await addClient(t, p, [p.secondAssociate]),
    outsiderClientId: await addClient(t, other, [other.staff.associate]),
  };
}

export const SOAP = {
  subjective: 'Reports sleeping better since last session.',
  objective: 'Calm, engaged, good eye contact.',
  assessment: 'Improving; anxiety symptoms reduced.',
  plan: 'Continue weekly CBT; review sleep diary.',
};

/** A draft SOAP note by `who`; answers its id. */
export async function draftNote(
  w: NotesWorld,
  who: StaffMember,
  clientId = w.clientId,
  fields: Record<string, unknown> = SOAP,
): Promise<string> {
  const r = await callAs(w.t, who, 'POST', `/api/v1/clients/${clientId}/notes`, {
    template: 'soap',
    fields,
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}

export async function signedNote(w: NotesWorld, who: StaffMember, clientId = w.clientId) {
  const id = await draftNote(w, who, clientId);
  const r = await callAs(w.t, who, 'POST', `/api/v1/notes/${id}/sign`);
  assert.equal(r.statusCode, 200, r.body);
  return id;
}

/** Audit rows of one action in a practice, oldest first. */
export function auditOf(w: NotesWorld, action: string, practiceId = w.p.practiceId) {
  return w.t.db.withPractice(practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['actor_user_id', 'outcome', 'subject_id', 'client_id', 'detail'])
      .where('action', '=', action)
      .orderBy('id')
      .execute(),
  );
}

/** How many rows a notes table holds, across practices (owner's view, RLS bypassed by jobs). */
export async function countRows(
  w: NotesWorld,
  table: 'notes' | 'note_versions' | 'note_addenda' | 'safety_plans',
): Promise<number> {
  const row = await w.t.db.unscopedAcrossPractices(
    { job: 'test', reason: 'count rows written' },
    (tx) =>
      tx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}
