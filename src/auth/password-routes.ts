import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { actorOf, auditContextOf } from './context.ts';
import { changePassword, completePasswordReset, requestPasswordReset } from './password-change.ts';
import { reauthenticate } from './reauthenticate.ts';
import { REAUTHENTICATION_MINUTES } from './mfa/enrolment-rule.ts';

const Password = Type.String({ minLength: 1, maxLength: 512 });
const Accepted = Type.Object({ message: Type.String() }, { additionalProperties: false });

export function passwordRoutes({ db, limits, publicUrl }: FeatureDeps) {
  return async (app: HearthApp) => {
    app.post(
      '/api/v1/password-reset',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary:
            'Email a password reset link (the answer is the same whether or not the email has an account).',
          body: Type.Object(
            { email: Type.String({ format: 'email', maxLength: 254 }) },
            { additionalProperties: false },
          ),
          response: responses({ 202: Accepted }),
        },
      },
      async (request, reply) => {
        await requestPasswordReset(
          db,
          limits,
          request.body.email,
          publicUrl,
          auditContextOf(request),
        );
        return reply.code(202).send({
          message:
            'If this email belongs to an account, a reset link is on its way. It works for 30 minutes.',
        });
      },
    );

    app.post(
      '/api/v1/password-reset/complete',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Choose a new password with a reset link; every session of the account ends.',
          body: Type.Object(
            { token: Type.String({ minLength: 10, maxLength: 200 }), password: Password },
            { additionalProperties: false },
          ),
          response: responses({ 200: Accepted }),
        },
      },
      async (request) => {
        await completePasswordReset(db, request.body, auditContextOf(request));
        return { message: 'Your password is changed. Sign in with it now.' };
      },
    );

    app.post(
      '/api/v1/me/password',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Change my password; my other sessions end.',
          body: Type.Object(
            { currentPassword: Password, newPassword: Password },
            { additionalProperties: false },
          ),
          response: responses({ 200: Accepted }),
        },
      },
      async (request) => {
        await changePassword(db, limits, actorOf(request), request.body, auditContextOf(request));
        return { message: 'Your password is changed. Your other sessions were signed out.' };
      },
    );

    app.post(
      '/api/v1/session/reauthenticate',
      {
        config: { permission: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: `Confirm my password again: for ${REAUTHENTICATION_MINUTES} minutes this session may add or replace sign-in methods.`,
          body: Type.Object({ password: Password }, { additionalProperties: false }),
          response: responses({
            200: Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false }),
          }),
        },
      },
      async (request) => {
        await reauthenticate(
          db,
          limits,
          actorOf(request),
          request.body.password,
          auditContextOf(request),
        );
        return { ok: true as const };
      },
    );
  };
}
