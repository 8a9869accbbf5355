import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, actorOf } from '../auth/index.ts';
import { registerCodeRoutes } from './code-routes.ts';
import { changeDiagnosis, removeDiagnosis } from './diagnosis-changes.ts';
import {
  Diagnosis,
  DiagnosisAnswer,
  DiagnosisList,
  DiagnosisPatch,
  NewDiagnosis,
} from './schemas.ts';
import { addDiagnosis, listDiagnoses } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
// These routes take no query parameters: an unexpected one is a 400, not silently ignored.
const NoQuery = Type.Object({}, { additionalProperties: false });

export function diagnosisRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    registerCodeRoutes(app, db);

    app.get(
      '/api/v1/clients/:id/diagnoses',
      {
        config: { permission: 'read:diagnosis:any' },
        schema: {
          tags: ['diagnoses'],
          summary: "A client's diagnoses: active ones by rank (1 = primary), then resolved ones.",
          params: IdParams,
          querystring: NoQuery,
          response: responses({ 200: DiagnosisList }),
        },
      },
      async (request) =>
        listDiagnoses(db, actorOf(request), request.params.id, auditContextOf(request)),
    );

    app.post(
      '/api/v1/clients/:id/diagnoses',
      {
        config: { permission: 'write:diagnosis:own' },
        schema: {
          tags: ['diagnoses'],
          summary:
            'Add a diagnosis: a billable code of the set in effect today; rank inserts at that place.',
          params: IdParams,
          querystring: NoQuery,
          body: NewDiagnosis,
          response: responses({ 201: DiagnosisAnswer }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const diagnosis = await addDiagnosis(
          db,
          actor,
          request.params.id,
          request.body,
          auditContextOf(request),
        );
        return reply.code(201).send(diagnosis);
      },
    );

    app.patch(
      '/api/v1/diagnoses/:id',
      {
        config: { permission: 'write:diagnosis:own' },
        schema: {
          tags: ['diagnoses'],
          summary:
            'Re-rank ({ rank }), resolve ({ status: "resolved", resolvedOn? }), re-open or correct dates.',
          params: IdParams,
          querystring: NoQuery,
          body: DiagnosisPatch,
          response: responses({ 200: Diagnosis }),
        },
      },
      async (request) =>
        changeDiagnosis(
          db,
          actorOf(request),
          request.params.id,
          request.body,
          auditContextOf(request),
        ),
    );

    app.delete(
      '/api/v1/diagnoses/:id',
      {
        config: { permission: 'write:diagnosis:own' },
        schema: {
          tags: ['diagnoses'],
          summary: 'Remove a diagnosis entered in error (kept, hidden, audited).',
          params: IdParams,
          querystring: NoQuery,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await removeDiagnosis(db, actor, request.params.id, auditContextOf(request));
        return reply.code(204).send(null);
      },
    );
  };
}
