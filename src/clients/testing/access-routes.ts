import { hasPermission, type Permission, type Role } from '../../auth/roles.ts';
import type { Records } from './access-world.ts';

/**
 * What a route reaches a record through: the client (the client's door), a note (supervision
 * of its author counts too), an appointment (its holder counts too, and the viewer never holds
 * one here), or the client's mere existence (break-glass opens a client outside one's care).
 */
export type Reach = 'client' | 'note' | 'appointment' | 'exists';

export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: (r: Records) => string;
  body?: (r: Records) => unknown;
  /** Multipart upload of a small PDF instead of a JSON body. */
  upload?: true;
  /** Whether the role's permissions allow the route at all (src/auth/roles.ts). */
  permitted: (role: Role) => boolean;
  reach: Reach;
  /**
   * A list rather than one record: it answers 200 either way, and the record is in it exactly
   * when the rule lets the viewer reach it. Returns whether it is.
   */
  listed?: (body: unknown, r: Records) => boolean;
}

const can =
  (...permissions: Permission[]) =>
  (role: Role) =>
    permissions.some((p) => hasPermission(role, p));

const items = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);
const later = () => {
  const start = new Date(Date.now() + 30 * 86_400_000 + Math.floor(Math.random() * 1e6) * 60_000);
  start.setUTCSeconds(0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString() };
};
const window = () => {
  const from = new Date(Date.now() - 86_400_000);
  return { from: from.toISOString(), to: new Date(from.getTime() + 40 * 86_400_000).toISOString() };
};
const c = (r: Records) => `/api/v1/clients/${r.clientId}`;

/**
 * Every route that takes a client, note, document or appointment id (or one of a client's
 * diagnoses, policies or safety plans), in an order that keeps each answer meaningful: reads
 * first, then changes, deletions, and break-glass last (it opens the client for the rest).
 */
export const ROUTES: RouteCase[] = [
  {
    name: 'read client',
    method: 'GET',
    url: c,
    permitted: can('read:client:own', 'read:client:any'),
    reach: 'client',
  },
  {
    name: 'chart',
    method: 'GET',
    url: (r) => `${c(r)}/chart`,
    permitted: can('read:client:own', 'read:client:any'),
    reach: 'client',
  },
  {
    name: 'client list',
    method: 'GET',
    url: (r) => `/api/v1/clients?search=${r.lastName}`,
    permitted: can('read:client:own', 'read:client:any'),
    reach: 'client',
    listed: (body, r) => items(body).includes(r.clientId),
  },
  {
    name: 'appointment list',
    method: 'GET',
    url: (r) => {
      const { from, to } = window();
      return `/api/v1/appointments?clientId=${r.clientId}&from=${from}&to=${to}`;
    },
    permitted: can('read:schedule:any'),
    reach: 'appointment',
    listed: (body, r) => items(body).includes(r.appointmentId),
  },
  {
    name: 'diagnoses',
    method: 'GET',
    url: (r) => `${c(r)}/diagnoses`,
    permitted: can('read:diagnosis:any'),
    reach: 'client',
  },
  {
    name: 'insurance',
    method: 'GET',
    url: (r) => `${c(r)}/insurance`,
    permitted: can('read:insurance:any'),
    reach: 'client',
  },
  {
    name: "client's notes",
    method: 'GET',
    url: (r) => `${c(r)}/notes`,
    permitted: can('read:note:own'),
    reach: 'client',
  },
  {
    name: 'safety plans',
    method: 'GET',
    url: (r) => `${c(r)}/safety-plans`,
    permitted: can('read:safety_plan:own'),
    reach: 'client',
  },
  {
    name: 'documents',
    method: 'GET',
    url: (r) => `${c(r)}/documents`,
    permitted: can('read:document:own'),
    reach: 'client',
  },
  {
    name: 'read note',
    method: 'GET',
    url: (r) => `/api/v1/notes/${r.signedNoteId}`,
    permitted: can('read:note:own'),
    reach: 'note',
  },
  {
    name: 'note versions',
    method: 'GET',
    url: (r) => `/api/v1/notes/${r.signedNoteId}/versions`,
    permitted: can('read:note:own'),
    reach: 'note',
  },
  {
    name: 'note version',
    method: 'GET',
    url: (r) => `/api/v1/notes/${r.signedNoteId}/versions/1`,
    permitted: can('read:note:own'),
    reach: 'note',
  },
  {
    name: 'note as PDF',
    method: 'GET',
    url: (r) => `/api/v1/notes/${r.signedNoteId}/pdf`,
    permitted: can('read:note:own'),
    reach: 'note',
  },
  {
    name: 'document',
    method: 'GET',
    url: (r) => `/api/v1/documents/${r.documentId}`,
    permitted: can('read:document:own'),
    reach: 'client',
  },
  {
    name: 'document bytes',
    method: 'GET',
    url: (r) => `/api/v1/documents/${r.documentId}/content`,
    permitted: can('read:document:own'),
    reach: 'client',
  },
  {
    name: 'safety plan',
    method: 'GET',
    url: (r) => `/api/v1/safety-plans/${r.safetyPlanId}`,
    permitted: can('read:safety_plan:own'),
    reach: 'client',
  },
  {
    name: 'appointment',
    method: 'GET',
    url: (r) => `/api/v1/appointments/${r.appointmentId}`,
    permitted: can('read:schedule:any'),
    reach: 'appointment',
  },
  {
    name: 'access report',
    method: 'GET',
    url: (r) => `${c(r)}/access-report`,
    permitted: can('read:audit:any'),
    reach: 'client',
  },
  {
    name: 'change client',
    method: 'PATCH',
    url: c,
    body: () => ({ phone: '+1 555 0199' }),
    permitted: can('write:client:own', 'write:client:any'),
    reach: 'client',
  },
  {
    name: 'add diagnosis',
    method: 'POST',
    url: (r) => `${c(r)}/diagnoses`,
    body: () => ({ code: 'F32.9' }),
    permitted: can('write:diagnosis:own'),
    reach: 'client',
  },
  {
    name: 'change diagnosis',
    method: 'PATCH',
    url: (r) => `/api/v1/diagnoses/${r.diagnosisId}`,
    body: () => ({ onsetDate: '2024-01-15' }),
    permitted: can('write:diagnosis:own'),
    reach: 'client',
  },
  {
    name: 'add policy',
    method: 'POST',
    url: (r) => `${c(r)}/insurance`,
    body: () => ({ priority: 'secondary', payerName: 'Meadow Mutual', memberId: 'MM-5550001' }),
    permitted: can('write:insurance:any'),
    reach: 'client',
  },
  {
    name: 'change policy',
    method: 'PATCH',
    url: (r) => `/api/v1/insurance/${r.insuranceId}`,
    body: () => ({ payerName: 'Changed' }),
    permitted: can('write:insurance:any'),
    reach: 'client',
  },
  {
    name: 'start note',
    method: 'POST',
    url: (r) => `${c(r)}/notes`,
    body: () => ({ template: 'contact', fields: { summary: 'Called to reschedule' } }),
    permitted: can('write:note:own'),
    reach: 'client',
  },
  {
    name: 'save draft',
    method: 'PATCH',
    url: (r) => `/api/v1/notes/${r.draftNoteId}`,
    body: () => ({ fields: { plan: 'Fortnightly' } }),
    permitted: can('write:note:own'),
    reach: 'note',
  },
  {
    name: 'sign note',
    method: 'POST',
    url: (r) => `/api/v1/notes/${r.draftNoteId}/sign`,
    permitted: can('sign:note:own'),
    reach: 'note',
  },
  {
    name: 'addendum',
    method: 'POST',
    url: (r) => `/api/v1/notes/${r.signedNoteId}/addenda`,
    body: () => ({ text: 'Late entry: called the school.' }),
    permitted: can('write:note:own'),
    reach: 'note',
  },
  {
    name: 'co-sign',
    method: 'POST',
    url: (r) => `/api/v1/notes/${r.signedNoteId}/cosign`,
    permitted: can('cosign:note:supervisee'),
    reach: 'note',
  },
  {
    name: 'unlock',
    method: 'POST',
    url: (r) => `/api/v1/notes/${r.signedNoteId}/unlock`,
    body: () => ({ confirm: true, reason: 'Wrong date of service recorded' }),
    permitted: can('unlock:note:any'),
    reach: 'note',
  },
  {
    name: 'add safety plan',
    method: 'POST',
    url: (r) => `${c(r)}/safety-plans`,
    body: (r) => ({ warningSigns: ['Withdrawn'], supersedesId: r.safetyPlanId }),
    permitted: can('write:safety_plan:own'),
    reach: 'client',
  },
  {
    name: 'upload',
    method: 'POST',
    url: (r) => `${c(r)}/documents`,
    upload: true,
    permitted: can('write:document:own'),
    reach: 'client',
  },
  {
    name: 'book',
    method: 'POST',
    url: () => '/api/v1/appointments',
    body: (r) => ({
      clientId: r.clientId,
      clinicianId: r.author.userId,
      ...later(),
      kind: 'telehealth',
      serviceCode: '90834',
    }),
    permitted: can('write:schedule:any'),
    reach: 'client',
  },
  {
    name: 'change appointment',
    method: 'PATCH',
    url: (r) => `/api/v1/appointments/${r.appointmentId}`,
    body: () => ({ remark: 'Prefers mornings' }),
    permitted: can('write:schedule:any'),
    reach: 'appointment',
  },
  {
    name: 'safety plan as PDF',
    method: 'GET',
    url: (r) => `/api/v1/safety-plans/${r.safetyPlanId}/pdf`,
    permitted: can('read:safety_plan:own'),
    reach: 'client',
  },
  {
    name: 'discard draft',
    method: 'DELETE',
    url: (r) => `/api/v1/notes/${r.draftNoteId}`,
    permitted: can('write:note:own'),
    reach: 'note',
  },
  {
    name: 'delete document',
    method: 'DELETE',
    url: (r) => `/api/v1/documents/${r.documentId}`,
    permitted: can('write:document:own'),
    reach: 'client',
  },
  {
    name: 'delete diagnosis',
    method: 'DELETE',
    url: (r) => `/api/v1/diagnoses/${r.diagnosisId}`,
    permitted: can('write:diagnosis:own'),
    reach: 'client',
  },
  {
    name: 'delete policy',
    method: 'DELETE',
    url: (r) => `/api/v1/insurance/${r.insuranceId}`,
    permitted: can('write:insurance:any'),
    reach: 'client',
  },
  {
    name: 'break-glass',
    method: 'POST',
    url: (r) => `${c(r)}/break-glass`,
    body: () => ({ reason: 'Client in crisis, on call tonight' }),
    permitted: () => true,
    reach: 'exists',
  },
];
