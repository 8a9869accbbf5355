import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { auditContextOf, actorOf } from '../../auth/index.ts';
import { listVersions, readVersion } from './history.ts';
import { HistoryEntry, HistoryEntryDetail, IdParams, VersionParams } from '../schemas.ts';

export function historyRoutes(deps: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/notes/:id/versions',
      {
        config: { permission: 'read:note:own' },
        schema: {
          tags: ['notes'],
          summary:
            "A note's history, oldest first: earlier content kept (edit), signatures, unlocks, co-signatures, addenda.",
          params: IdParams,
          response: responses({
            200: Type.Object(
              { items: Type.Array(HistoryEntry), nextCursor: Type.Null() },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return listVersions(deps, {
          actor,
          context: auditContextOf(request),
          noteId: request.params.id,
        });
      },
    );

    app.get(
      '/api/v1/notes/:id/versions/:n',
      {
        config: { permission: 'read:note:own' },
        schema: {
          tags: ['notes'],
          summary:
            "One entry of a note's history with what it kept (content, or an unlock's reason).",
          params: VersionParams,
          response: responses({ 200: HistoryEntryDetail }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { id: noteId, n } = request.params;
        return readVersion(deps, { actor, context: auditContextOf(request), noteId, n });
      },
    );
  };
}
