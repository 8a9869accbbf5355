import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { auditContextOf, requirePermission } from '../../auth/index.ts';
import {
  AppointmentList,
  AppointmentListQuery,
  AppointmentPatch,
  ChangedAppointment,
  CreatedAppointment,
  NewAppointment,
  appointmentAnswer,
} from './appointment-schemas.ts';
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
  const { db } = deps;
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/appointments',
      {
        schema: {
          tags,
          summary:
            'Appointments overlapping [from, to) (at most 62 days): a day, week or month calendar; by clinician or client.',
          querystring: AppointmentListQuery,
          response: responses({ 200: AppointmentList }),
        },
      },
      async (request) =>
        listAppointments(deps, await requirePermission(db, request, 'read:schedule:any'), {
          query: request.query,
          context: auditContextOf(request),
        }),
    );

    app.post(
      '/api/v1/appointments',
      {
        schema: {
          tags,
          summary:
            'Book an appointment, or a recurring series with `recurrence.rrule`. An overlap with the clinician’s other appointments is 409 slot_taken.',
          body: NewAppointment,
          response: responses({ 201: CreatedAppointment }),
        },
      },
      async (request, reply) => {
        const actor = await requirePermission(db, request, 'write:schedule:any');
        const created = await createAppointment(deps, actor, {
          input: request.body,
          context: auditContextOf(request),
          now: Temporal.Now.instant(),
        });
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/api/v1/appointments/:id',
      {
        schema: {
          tags,
          summary: 'One appointment.',
          params: IdParams,
          response: responses({ 200: appointmentAnswer({}) }),
        },
      },
      async (request) =>
        readAppointment(
          deps,
          await requirePermission(db, request, 'read:schedule:any'),
          request.params.id,
          auditContextOf(request),
        ),
    );

    app.patch(
      '/api/v1/appointments/:id',
      {
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
        changeAppointment(deps, await requirePermission(db, request, 'write:schedule:any'), {
          id: request.params.id,
          patch: request.body,
          context: auditContextOf(request),
          now: Temporal.Now.instant(),
        }),
    );
  };
}
