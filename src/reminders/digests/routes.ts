import { responses } from '../../platform/http/schemas.ts';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { actorOf, auditContextOf } from '../../auth/index.ts';
import { readDigest } from './counts.ts';
import { readDigestEmailChoice, setDigestEmailChoice } from './email-choice.ts';
import { Digest, DigestEmailChoice } from './schemas.ts';

/** The staff digest in the app (Today) and each person's choice of the daily email. */
export function digestRoutes({ db }: Pick<FeatureDeps, 'db'>) {
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/digest',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['digests'],
          summary:
            'What waits for the signed-in user, as counts: notes to co-sign, sessions without a note, drafts.',
          response: responses({ 200: Digest }),
        },
      },
      (request) => readDigest(db, actorOf(request)),
    );

    app.get(
      '/api/v1/me/digest-email',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['digests'],
          summary: 'Whether the signed-in user gets the daily digest email.',
          response: responses({ 200: DigestEmailChoice }),
        },
      },
      (request) => readDigestEmailChoice(db, actorOf(request)),
    );

    app.put(
      '/api/v1/me/digest-email',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['digests'],
          summary:
            'Turn the daily digest email on or off, for the signed-in user only (it holds counts and a link, no client names).',
          body: DigestEmailChoice,
          response: responses({ 200: DigestEmailChoice }),
        },
      },
      (request) =>
        setDigestEmailChoice(db, {
          actor: actorOf(request),
          context: auditContextOf(request),
          enabled: request.body.enabled,
        }),
    );
  };
}
