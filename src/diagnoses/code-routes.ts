import type { Database } from '../platform/db/database.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { actorOf } from '../auth/index.ts';
import { readCode, searchCodes } from './codes-service.ts';
import { CodeAnswer, CodeParams, CodeQuery, CodeSearchAnswer, CodeSearchQuery } from './schemas.ts';

/** ICD-10-CM code search, for whoever may read diagnoses. */
export function registerCodeRoutes(app: HearthApp, db: Database): void {
  app.get(
    '/api/v1/icd10/codes',
    {
      config: { permission: 'read:diagnosis:any' },
      schema: {
        tags: ['diagnoses'],
        summary:
          'Search ICD-10-CM codes by code prefix (F41, F41.1) or words (generalized anx): billable first.',
        querystring: CodeSearchQuery,
        response: responses({ 200: CodeSearchAnswer }),
      },
    },
    async (request) => searchCodes(db, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/icd10/codes/:code',
    {
      config: { permission: 'read:diagnosis:any' },
      schema: {
        tags: ['diagnoses'],
        summary: 'One ICD-10-CM code of the set in effect today (or of fiscalYear).',
        params: CodeParams,
        querystring: CodeQuery,
        response: responses({ 200: CodeAnswer }),
      },
    },
    async (request) =>
      readCode(db, actorOf(request), request.params.code, request.query.fiscalYear),
  );
}
