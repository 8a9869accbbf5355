import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { auditContextOf, actorOf } from '../../auth/index.ts';
import {
  IdParams,
  LocationAnswer,
  LocationBody,
  Locations,
} from '../availability/availability-schemas.ts';
import { archiveLocation, createLocation, listLocations } from './locations.ts';

const tags = ['scheduling'];

export function locationRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/locations',
      {
        config: { permission: 'read:schedule:any' },
        schema: {
          tags,
          summary: 'The practice’s locations for in-person sessions.',
          response: responses({ 200: Locations }),
        },
      },
      async (request) => listLocations(db, actorOf(request)),
    );

    app.post(
      '/api/v1/locations',
      {
        config: { permission: 'manage:practice:any' },
        schema: {
          tags,
          summary: 'Add a location (administrators).',
          body: LocationBody,
          response: responses({ 201: LocationAnswer }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return reply
          .code(201)
          .send(await createLocation(db, actor, request.body.name, auditContextOf(request)));
      },
    );

    app.delete(
      '/api/v1/locations/:id',
      {
        config: { permission: 'manage:practice:any' },
        schema: {
          tags,
          summary: 'Archive a location: it leaves the list, booked appointments keep it.',
          params: IdParams,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await archiveLocation(db, actor, request.params.id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
