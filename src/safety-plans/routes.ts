import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, actorOf } from '../auth/index.ts';
import { IdParams, NewSafetyPlan, SafetyPlan, SafetyPlanHeader } from './schemas.ts';
import { createSafetyPlan, exportSafetyPlan, listSafetyPlans, readSafetyPlan } from './service.ts';
import { renderSafetyPlanPdf } from './plan-pdf.ts';

/**
 * Crisis safety plans are write-once: there is deliberately no PATCH, PUT or DELETE route
 * (and the database refuses UPDATE and DELETE too). A change is a new plan that supersedes.
 */
export function safetyPlanRoutes(deps: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/clients/:id/safety-plans',
      {
        config: { permission: 'read:safety_plan:own' },
        schema: {
          tags: ['safety plans'],
          summary:
            "A client's crisis safety plans, newest first: which is current, what superseded what.",
          params: IdParams,
          response: responses({
            200: Type.Object(
              { items: Type.Array(SafetyPlanHeader), nextCursor: Type.Null() },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return listSafetyPlans(deps, {
          actor,
          context: auditContextOf(request),
          clientId: request.params.id,
        });
      },
    );

    app.post(
      '/api/v1/clients/:id/safety-plans',
      {
        config: { permission: 'write:safety_plan:own' },
        schema: {
          tags: ['safety plans'],
          summary:
            'Write a Stanley–Brown safety plan (write-once). To change one, write a new plan with `supersedesId`.',
          params: IdParams,
          body: NewSafetyPlan,
          response: responses({ 201: SafetyPlan }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const context = auditContextOf(request);
        const plan = await createSafetyPlan(deps, {
          actor,
          context,
          clientId: request.params.id,
          input: request.body,
        });
        return reply.code(201).send(plan);
      },
    );

    app.get(
      '/api/v1/safety-plans/:id',
      {
        config: { permission: 'read:safety_plan:own' },
        schema: {
          tags: ['safety plans'],
          summary: 'One safety plan, whole.',
          params: IdParams,
          response: responses({ 200: SafetyPlan }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return readSafetyPlan(deps, {
          actor,
          context: auditContextOf(request),
          planId: request.params.id,
        });
      },
    );

    app.get(
      '/api/v1/safety-plans/:id/pdf',
      {
        config: { permission: 'read:safety_plan:own' },
        schema: {
          tags: ['safety plans'],
          summary: 'One safety plan as a PDF, to print or give the client (audited as an export).',
          params: IdParams,
          response: responses({ 200: Type.String({ contentMediaType: 'application/pdf' }) }),
        },
      },
      async (request, reply) => {
        const { plan, facts } = await exportSafetyPlan(deps, {
          actor: actorOf(request),
          context: auditContextOf(request),
          planId: request.params.id,
        });
        const pdf = await renderSafetyPlanPdf(plan, facts);
        // Named without the client's name, which would show in download lists.
        const name = `safety-plan-${plan.createdAt.slice(0, 10)}-${plan.id.slice(0, 8)}.pdf`;
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(Buffer.from(pdf));
      },
    );
  };
}
