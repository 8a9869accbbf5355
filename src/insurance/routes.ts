import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, actorOf } from '../auth/index.ts';
import { changePolicy, removePolicy } from './policy-changes.ts';
import { NewPolicy, Policy, PolicyList, PolicyPatch } from './schemas.ts';
import { addPolicy, listPolicies } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
// These routes take no query parameters: an unexpected one is a 400, not silently ignored.
const NoQuery = Type.Object({}, { additionalProperties: false });

/** A client's insurance: the administrators, billers and the front desk; not clinicians. */
export function insuranceRoutes({ db, fields }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/clients/:id/insurance',
      {
        config: { permission: 'read:insurance:any' },
        schema: {
          tags: ['insurance'],
          summary: "A client's insurance policies: active ones by priority, then inactive ones.",
          params: IdParams,
          querystring: NoQuery,
          response: responses({ 200: PolicyList }),
        },
      },
      async (request) =>
        listPolicies(db, fields, actorOf(request), request.params.id, auditContextOf(request)),
    );

    app.post(
      '/api/v1/clients/:id/insurance',
      {
        config: { permission: 'write:insurance:any' },
        schema: {
          tags: ['insurance'],
          summary: 'Add a policy (one active policy per priority).',
          params: IdParams,
          querystring: NoQuery,
          body: NewPolicy,
          response: responses({ 201: Policy }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const policy = await addPolicy(
          db,
          fields,
          actor,
          request.params.id,
          request.body,
          auditContextOf(request),
        );
        return reply.code(201).send(policy);
      },
    );

    app.patch(
      '/api/v1/insurance/:id',
      {
        config: { permission: 'write:insurance:any' },
        schema: {
          tags: ['insurance'],
          summary: 'Change a policy, or make it inactive ({ status: "inactive" }).',
          params: IdParams,
          querystring: NoQuery,
          body: PolicyPatch,
          response: responses({ 200: Policy }),
        },
      },
      async (request) =>
        changePolicy(
          db,
          fields,
          actorOf(request),
          request.params.id,
          request.body,
          auditContextOf(request),
        ),
    );

    app.delete(
      '/api/v1/insurance/:id',
      {
        config: { permission: 'write:insurance:any' },
        schema: {
          tags: ['insurance'],
          summary: 'Delete a policy entered in error.',
          params: IdParams,
          querystring: NoQuery,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await removePolicy(db, actor, request.params.id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
