import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { auditContextOf, actorOf } from '../../auth/index.ts';
import {
  AppointmentList,
  AppointmentListQuery,
  AppointmentPatch,
  ChangedAppointment,
  CreatedAppointment,
  NewAppointment,
  SlotCheck,
  SlotQuery,
  appointmentAnswer,
} from './appointment-schemas.ts';
import { checkSlot } from './check-slot.ts';
import { changeAppointment } from './change-appointment.ts';
import { createAppointment } from './create-appointment.ts';
import { listAppointments, readAppointment } from './read-appointments.ts';
import { Temporal } from '../time.ts';

const tags = ['scheduling'];
const IdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export function appointmentRoutes(deps: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/appointments',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary:
            'Appointments overlapping [from, to) (at most 62 days): a day, week or month calendar; by clinician or client.',
          querystring: AppointmentListQuery,
          response: responses({ 200: AppointmentList }),
        },
      },
      async (request) =>
        listAppointments(deps, actorOf(request), {
          query: request.query,
          context: auditContextOf(request),
        }),
    );

    app.post(
      '/api/v1/appointments',
      {
        config: { permission: 'write:schedule:any' },
        schema: {
          tags,
          summary:
            'Book an appointment, or a recurring series with `recurrence.rrule`. An overlap with the clinician’s other appointments is 409 slot_taken.',
          body: NewAppointment,
          response: responses({ 201: CreatedAppointment }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const created = await createAppointment(deps, actor, {
          input: request.body,
          context: auditContextOf(request),
          now: Temporal.Now.instant(),
        });
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/api/v1/appointments/check',
      {
        // Asked by the booking form: only those who book need it.
        config: { permission: 'write:schedule:any' },
        schema: {
          tags,
          summary:
            'Whether a clinician is free for [start, end) and within their working hours, before booking or moving (nothing is written).',
          querystring: SlotQuery,
          response: responses({ 200: SlotCheck }),
        },
      },
      async (request) => checkSlot(deps.db, actorOf(request), request.query),
    );

    app.get(
      '/api/v1/appointments/:id',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary: 'One appointment.',
          params: IdParams,
          response: responses({ 200: appointmentAnswer({}) }),
        },
      },
      async (request) =>
        readAppointment(deps, actorOf(request), request.params.id, auditContextOf(request)),
    );

    app.patch(
      '/api/v1/appointments/:id',
      {
        config: { permission: 'write:schedule:any' },
        schema: {
          tags,
          summary:
            'Change or cancel an appointment; for a series, `scope` this (an exception), following (split the series here) or all (every upcoming occurrence).',
          params: IdParams,
          body: AppointmentPatch,
          response: responses({ 200: ChangedAppointment }),
        },
      },
      async (request) =>
        changeAppointment(deps, actorOf(request), {
          id: request.params.id,
          patch: request.body,
          context: auditContextOf(request),
          now: Temporal.Now.instant(),
        }),
    );
  };
}
