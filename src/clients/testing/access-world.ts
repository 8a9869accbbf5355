import assert from 'node:assert/strict';
import type { LightMyRequestResponse as InjectResponse } from 'fastify';
import type { Role } from '../../auth/roles.ts';
import type { TestApp } from '../../testing/app.ts';
import {
  addStaffMember,
  callAs,
  STAFF_ROLES,
  staffedPractice,
  type StaffedPractice,
  type StaffMember,
} from '../../testing/practice.ts';
import { SAME_ORIGIN } from '../../testing/http.ts';
import { multipartBody } from '../../documents/testing/multipart.ts';
import { pdfBytes } from '../../documents/testing/fixtures.ts';

/**
 * How the viewer stands to a client's records (the relationships of the one access rule,
 * docs/permissions.md): the client in their care; outside it; outside it but the records'
 * author is their supervisee; outside it with break-glass open; or another practice's.
 */
export const RELATIONSHIPS = [
  'care',
  'outside',
  'supervision',
  'break_glass',
  'other_practice',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** One client with one record of each kind, written by `author`. */
export interface Records {
  clientId: string;
  lastName: string;
  diagnosisId: string;
  insuranceId: string;
  appointmentId: string;
  safetyPlanId: string;
  documentId: string;
  /** A draft. */
  draftNoteId: string;
  /** Signed by its associate author: waiting for a co-signature. */
  signedNoteId: string;
  author: StaffMember;
}

export interface AccessWorld {
  t: TestApp;
  p: StaffedPractice;
  other: StaffedPractice;
  /** An associate nobody supervises: the author of every record but the supervision ones. */
  author: StaffMember;
  /** Per viewer role, an associate whom that viewer supervises. */
  supervisee: Record<Role, StaffMember>;
  otherRecords: Records;
}

const CLINICAL: readonly Role[] = ['admin', 'supervisor', 'associate'];
let slot = 0;

async function ok(r: InjectResponse, status = 201): Promise<{ id: string }> {
  assert.equal(r.statusCode, status, `${r.statusCode} ${r.body}`);
  return r.json<{ id: string }>();
}

/** A future hour nobody else has booked (each booking its own slot). */
function nextSlot(): { start: string; end: string } {
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCHours(0, 0, 0, 0);
  start.setTime(start.getTime() + ++slot * 3_600_000);
  return {
    start: start.toISOString(),
    end: new Date(start.getTime() + 50 * 60_000).toISOString(),
  };
}

export function uploadAs(t: TestApp, who: StaffMember, clientId: string) {
  const { payload, headers } = multipartBody({
    name: 'intake.pdf',
    bytes: pdfBytes(),
    type: 'application/pdf',
  });
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/clients/${clientId}/documents`,
    headers: { ...SAME_ORIGIN, ...headers, cookie: who.cookie },
    payload,
  });
}

/** A client of `practice` in the care of `clinicians`, with one record of each kind by `author`. */
export async function writeRecords(
  t: TestApp,
  practice: StaffedPractice,
  author: StaffMember,
  clinicians: StaffMember[],
): Promise<Records> {
  const desk = practice.staff.front_desk;
  const lastName = `Door${Math.random().toString(36).slice(2, 10)}`;
  const clientId = (
    await ok(
      await callAs(t, desk, 'POST', '/api/v1/clients', {
        firstName: 'Robin',
        lastName,
        dateOfBirth: '1990-02-03',
        clinicianIds: clinicians.map((c) => c.userId),
      }),
    )
  ).id;
  const base = `/api/v1/clients/${clientId}`;
  const diagnosisId = (
    await ok(await callAs(t, author, 'POST', `${base}/diagnoses`, { code: 'F41.1' }))
  ).id;
  const insuranceId = (
    await ok(
      await callAs(t, desk, 'POST', `${base}/insurance`, {
        priority: 'primary',
        payerName: 'Blue Lake Health',
        memberId: 'XYZ123456789',
      }),
    )
  ).id;
  const appointmentId = (
    await ok(
      await callAs(t, desk, 'POST', '/api/v1/appointments', {
        clientId,
        clinicianId: author.userId,
        ...nextSlot(),
        kind: 'telehealth',
        serviceCode: '90834',
      }),
    )
  ).id;
  const safetyPlanId = (
    await ok(await callAs(t, author, 'POST', `${base}/safety-plans`, { warningSigns: ['Tired'] }))
  ).id;
  const documentId = (await ok(await uploadAs(t, author, clientId))).id;
  const note = () =>
    callAs(t, author, 'POST', `${base}/notes`, {
      template: 'soap',
      fields: {
        subjective: 'Sleeping better',
        objective: 'Calm',
        assessment: 'Stable',
        plan: 'Weekly',
      },
    });
  const draftNoteId = (await ok(await note())).id;
  const signedNoteId = (await ok(await note())).id;
  await ok(await callAs(t, author, 'POST', `/api/v1/notes/${signedNoteId}/sign`), 200);
  return {
    clientId,
    lastName,
    diagnosisId,
    insuranceId,
    appointmentId,
    safetyPlanId,
    documentId,
    draftNoteId,
    signedNoteId,
    author,
  };
}

export async function accessWorld(t: TestApp): Promise<AccessWorld> {
  const p = await staffedPractice(t);
  const other = await staffedPractice(t, 'Other Practice');
  const author = await addStaffMember(t, p.practiceId, 'associate', 'author');
  const supervisee = {} as Record<Role, StaffMember>;
  for (const role of STAFF_ROLES) {
    supervisee[role] = await addStaffMember(t, p.practiceId, 'associate', `supervisee-${role}`);
  }
  await t.db.withPractice(p.practiceId, async (tx) => {
    for (const role of STAFF_ROLES) {
      // Straight in the database: the staff API lets only clinicians supervise, and the rule
      // must hold for whoever the database says supervises whom.
      await tx
        .updateTable('users')
        .set({ supervisor_id: p.staff[role].userId })
        .where('id', '=', supervisee[role].userId)
        .execute();
    }
    // Everyone may open break-glass, so that the route's answer depends on the client only.
    await tx.updateTable('users').set({ emergency_access: true }).execute();
  });
  const otherRecords = await writeRecords(t, other, other.staff.associate, [other.staff.associate]);
  return { t, p, other, author, supervisee, otherRecords };
}

/** The records a viewer of `role` meets in `relationship`, written afresh for them. */
export async function recordsFor(
  w: AccessWorld,
  viewer: StaffMember,
  relationship: Relationship,
): Promise<Records> {
  if (relationship === 'other_practice') return w.otherRecords;
  const author = relationship === 'supervision' ? w.supervisee[viewer.role] : w.author;
  const clinicians =
    relationship === 'care' && CLINICAL.includes(viewer.role) ? [author, viewer] : [author];
  const records = await writeRecords(w.t, w.p, author, clinicians);
  if (relationship === 'break_glass') {
    await w.t.db.withPractice(w.p.practiceId, (tx) =>
      tx
        .insertInto('break_glass_grants')
        .values({
          user_id: viewer.userId,
          client_id: records.clientId,
          reason: 'Client in crisis, on call tonight',
          expires_at: new Date(Date.now() + 3_600_000),
        })
        .execute(),
    );
  }
  return records;
}
