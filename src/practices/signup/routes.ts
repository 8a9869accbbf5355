import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { requestInfo, SessionAnswer, sessionAnswer } from '../../auth/index.ts';
import { SignupBody } from './schemas.ts';
import { signUp } from './signup.ts';

export function signupRoutes({ db, limits }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.post(
      '/api/v1/signup',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Create a practice and its first administrator, accepting the BAA.',
          body: SignupBody,
          response: responses({ 201: SessionAnswer }),
        },
      },
      async (request, reply) => {
        const b = request.body;
        const signedIn = await signUp(
          db,
          limits,
          {
            practiceName: b.practiceName,
            name: b.name,
            email: b.email,
            password: b.password,
            signature: b.baa.signature,
            timeZone: b.timeZone,
          },
          requestInfo(request),
        );
        return reply.code(201).send(sessionAnswer(reply, signedIn));
      },
    );
  };
}
