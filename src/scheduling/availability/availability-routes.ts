import type { FastifyRequest } from 'fastify';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { Type } from 'typebox';
import type { Database } from '../../platform/db/database.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { actorOf, auditContextOf, hasPermission, requirePermissionFor } from '../../auth/index.ts';
import * as s from './availability-schemas.ts';
import { readAvailability, readHours, replaceWorkingHours } from './availability.ts';
import { listClinicians } from './clinicians.ts';
import { addTimeOff, listTimeOff, removeTimeOff, timeOffOwner } from './time-off.ts';
import { Temporal } from '../time.ts';

const tags = ['scheduling'];

/** A clinician edits their own hours and time off; admins and the front desk anyone's. */
async function requireAvailabilityWrite(
  db: Database,
  request: FastifyRequest,
  clinicianId: string,
) {
  const actor = actorOf(request);
  // The route has checked for one of the two; only another's hours need the wider one.
  const own = actor.userId === clinicianId && hasPermission(actor.role, 'write:availability:own');
  return own ? actor : requirePermissionFor(db, request, 'write:availability:any');
}

export function availabilityRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/clinicians',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary: 'The practice’s clinicians (for pickers).',
          response: responses({ 200: s.Clinicians }),
        },
      },
      async (request) => listClinicians(db, actorOf(request)),
    );

    app.get(
      '/api/v1/clinicians/:id/hours',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary: 'A clinician’s weekly working hours (local times, practice zone).',
          params: s.ClinicianParams,
          response: responses({ 200: s.Hours }),
        },
      },
      async (request) => readHours(db, actorOf(request), request.params.id),
    );

    app.put(
      '/api/v1/clinicians/:id/hours',
      {
        config: { permission: ['write:availability:own', 'write:availability:any'] },
        schema: {
          tags,
          summary: 'Replace a clinician’s weekly working hours (several blocks a day allowed).',
          params: s.ClinicianParams,
          body: s.HoursBody,
          response: responses({ 200: s.Hours }),
        },
      },
      async (request) => {
        const actor = await requireAvailabilityWrite(db, request, request.params.id);
        return replaceWorkingHours(db, actor, {
          clinicianId: request.params.id,
          blocks: request.body.blocks.map((b) => ({
            weekday: b.weekday,
            start: b.start,
            end: b.end,
            effectiveFrom: b.effectiveFrom ?? null,
            effectiveTo: b.effectiveTo ?? null,
          })),
          context: auditContextOf(request),
        });
      },
    );

    app.get(
      '/api/v1/clinicians/:id/time-off',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary: 'A clinician’s time off (default: from now, a year ahead).',
          params: s.ClinicianParams,
          querystring: s.OptionalRange,
          response: responses({ 200: s.TimeOffList }),
        },
      },
      async (request) =>
        listTimeOff(db, actorOf(request), {
          clinicianId: request.params.id,
          from: request.query.from,
          to: request.query.to,
          now: Temporal.Now.instant(),
        }),
    );

    app.post(
      '/api/v1/clinicians/:id/time-off',
      {
        config: { permission: ['write:availability:own', 'write:availability:any'] },
        schema: {
          tags,
          summary: 'Add time off: a local range in the practice zone and a reason code.',
          params: s.ClinicianParams,
          body: s.TimeOffBody,
          response: responses({ 201: s.CreatedTimeOff }),
        },
      },
      async (request, reply) => {
        const actor = await requireAvailabilityWrite(db, request, request.params.id);
        const created = await addTimeOff(db, actor, {
          clinicianId: request.params.id,
          ...request.body,
          context: auditContextOf(request),
        });
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/api/v1/time-off/:id',
      {
        config: { permission: ['write:availability:own', 'write:availability:any'] },
        schema: {
          tags,
          summary: 'Remove time off.',
          params: s.IdParams,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const owner = await timeOffOwner(db, actorOf(request), request.params.id);
        const actor = await requireAvailabilityWrite(db, request, owner);
        await removeTimeOff(db, actor, request.params.id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/clinicians/:id/availability',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary:
            'Free time (working hours minus time off minus appointments), in UTC and local wall-clock; at most 62 days.',
          params: s.ClinicianParams,
          querystring: s.Range,
          response: responses({ 200: s.Availability }),
        },
      },
      async (request) =>
        readAvailability(db, actorOf(request), {
          clinicianId: request.params.id,
          ...request.query,
        }),
    );
  };
}
