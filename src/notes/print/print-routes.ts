import { Type } from 'typebox';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { auditContextOf, actorOf } from '../../auth/index.ts';
import { IdParams } from '../schemas.ts';
import { exportNote } from '../service.ts';
import { renderNotePdf } from './note-pdf.ts';

export function printRoutes(deps: FeatureDeps) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/notes/:id/pdf',
      {
        config: { permission: 'read:note:own' },
        schema: {
          tags: ['notes'],
          summary:
            'A signed note as a PDF, with its signature block and addenda (audited as note.export). A draft answers 409.',
          params: IdParams,
          response: responses({ 200: Type.String({ contentMediaType: 'application/pdf' }) }),
        },
      },
      async (request, reply) => {
        const opened = await exportNote(deps, {
          actor: actorOf(request),
          context: auditContextOf(request),
          noteId: request.params.id,
        });
        const pdf = await renderNotePdf(opened);
        // The file name says what it is without naming the client (it shows in download lists).
        const name = `note-${opened.note.dateOfService}-${opened.note.id.slice(0, 8)}.pdf`;
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(Buffer.from(pdf));
      },
    );
  };
}
