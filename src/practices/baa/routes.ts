import { readFileSync } from 'node:fs';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { Type } from 'typebox';
import { audit } from '../../platform/audit-trail/record.ts';
import { AppError } from '../../platform/errors.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { responses } from '../../platform/http/schemas.ts';
import { auditContextOf, actorOf } from '../../auth/index.ts';
import { BAA_TEXT, BAA_VERSION } from './agreement.ts';
import { renderBaaPdf } from './pdf.ts';

const GUIDE_PATH = new URL('../../../docs/hipaa-compliance-guide.md', import.meta.url);

export function baaRoutes({ db }: FeatureDeps) {
  return async (app: HearthApp) => {
    // Public: the sign-up page shows the agreement before anyone has an account.
    app.get(
      '/api/v1/baa',
      {
        config: { access: 'public' },
        schema: {
          tags: ['practice'],
          summary: 'The Business Associate Agreement a new practice signs at sign-up (Markdown).',
          response: responses({
            200: Type.Object(
              { version: Type.String(), text: Type.String() },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async () => ({ version: BAA_VERSION, text: BAA_TEXT }),
    );

    app.get(
      '/api/v1/practice/baa.pdf',
      {
        config: { permission: 'manage:practice:any' },
        schema: {
          tags: ['practice'],
          summary: 'The signed Business Associate Agreement, as a PDF.',
          response: responses({ 200: Type.String({ contentMediaType: 'application/pdf' }) }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const signature = await db.withPractice(actor.practiceId, async (tx) => {
          const row = await tx
            .selectFrom('baa_acceptances')
            .innerJoin('practices', 'practices.id', 'baa_acceptances.practice_id')
            .select([
              'practices.name',
              'version',
              'text_sha256',
              'signer_name',
              'accepted_at',
              'ip',
            ])
            .orderBy('accepted_at', 'desc')
            .executeTakeFirst();
          if (row) {
            await audit(tx, auditContextOf(request), {
              action: 'practice.baa.downloaded',
              subjectType: 'practice',
              subjectId: actor.practiceId,
            });
          }
          return row;
        });
        if (!signature)
          throw AppError.notFound(
            'This practice has no signed agreement on file (demo practices sign none).',
            'no_baa',
          );
        const pdf = await renderBaaPdf({
          practiceName: signature.name,
          version: signature.version,
          textSha256: signature.text_sha256,
          signerName: signature.signer_name,
          acceptedAt: signature.accepted_at,
          ip: signature.ip,
        });
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="hearth-baa-${signature.version}.pdf"`,
          )
          .send(Buffer.from(pdf));
      },
    );

    app.get(
      '/api/v1/practice/compliance-guide',
      {
        config: { permission: 'manage:practice:any' },
        schema: {
          tags: ['practice'],
          summary: 'How to use Hearth in a HIPAA-compliant way (Markdown).',
          response: responses({ 200: Type.String({ contentMediaType: 'text/markdown' }) }),
        },
      },
      async (request, reply) => {
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', 'attachment; filename="hearth-hipaa-compliance-guide.md"')
          .send(readFileSync(GUIDE_PATH, 'utf8'));
      },
    );
  };
}
